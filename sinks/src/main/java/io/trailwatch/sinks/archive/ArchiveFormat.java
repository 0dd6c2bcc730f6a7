package io.trailwatch.sinks.archive;

import io.trailwatch.schemas.serde.SerdeContext;

/** What one topic's values are and how each becomes a JSON record of an archived log file. */
public interface ArchiveFormat {

    String CLOUDTRAIL = "cloudtrail";
    String ALARM_HISTORY = "alarm-history";

    /** The service segment of keys and file names: {@code CloudTrail} for the audit trail. */
    String service();

    /** The JSON field holding a file's records: CloudTrail's {@code Records}. */
    String recordsField();

    /**
     * Decodes one value (Confluent wire format) and renders it.
     *
     * @throws UnarchivableRecordException when the bytes or the record cannot be archived; the reason says why
     * @throws io.trailwatch.schemas.registry.SchemaRegistryException when the registry cannot be asked (transient)
     */
    ArchivedRecord decode(String topic, byte[] value);

    /** The service segment of a format's keys: digests must be written under the same one as its log files. */
    static String serviceOf(final String format) {
        return switch (format) {
            case CLOUDTRAIL -> "CloudTrail";
            case ALARM_HISTORY -> "CloudWatch-AlarmHistory";
            default -> throw new IllegalArgumentException("unknown archive format " + format);
        };
    }

    /** The format a connector is configured with. */
    static ArchiveFormat of(final ArchiveSinkConfig config, final SerdeContext serdes) {
        return switch (config.format()) {
            case CLOUDTRAIL -> new CloudTrailFormat(serdes);
            case ALARM_HISTORY -> new AlarmHistoryFormat(serdes, config.accountId(), config.region());
            default -> throw new IllegalArgumentException("unknown archive format " + config.format());
        };
    }
}
