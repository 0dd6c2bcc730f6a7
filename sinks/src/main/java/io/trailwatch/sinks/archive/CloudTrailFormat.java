package io.trailwatch.sinks.archive;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.json.CloudTrailJsonWriter;
import io.trailwatch.schemas.serde.SerdeContext;

/**
 * Audit events as CloudTrail log files. A record belongs to the account that received it
 * ({@code recipientAccountId}), else to the caller's ({@code userIdentity.accountId}), as CloudTrail files an event
 * under the account whose trail delivered it.
 */
final class CloudTrailFormat implements ArchiveFormat {

    private final WireFormatValues<AuditEvent> values;

    CloudTrailFormat(final SerdeContext serdes) {
        this.values = new WireFormatValues<>(serdes, AuditEvent.class);
    }

    @Override
    public String service() {
        return ArchiveFormat.serviceOf(CLOUDTRAIL);
    }

    @Override
    public String recordsField() {
        return "Records";
    }

    @Override
    public ArchivedRecord decode(final String topic, final byte[] value) {
        final AuditEvent event = values.read(topic, value);
        final String account = event.getRecipientAccountId() != null ? event.getRecipientAccountId()
            : event.getUserIdentity().getAccountId();
        if (account == null || account.isBlank()) {
            throw new UnarchivableRecordException("event " + event.getEventID()
                + " has no account: recipientAccountId and userIdentity.accountId are both missing");
        }
        if (!LogFileLayout.isSafeSegment(account)) {
            throw new UnarchivableRecordException("event " + event.getEventID() + " has account id '" + account
                + "', which cannot be a key segment (letters, digits, '.', '_', '-' only)");
        }
        if (!LogFileLayout.isSafeSegment(event.getAwsRegion())) {
            throw new UnarchivableRecordException("event " + event.getEventID() + " has awsRegion '"
                + event.getAwsRegion() + "', which cannot be a key segment (letters, digits, '.', '_', '-' only)");
        }
        return new ArchivedRecord(account, event.getAwsRegion(), event.getEventTime(),
            CloudTrailJsonWriter.toBytes(event));
    }
}
