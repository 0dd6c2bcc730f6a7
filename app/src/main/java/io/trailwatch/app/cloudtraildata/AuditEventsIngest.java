package io.trailwatch.app.cloudtraildata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.AuditTransaction;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.json.CloudTrailJson;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.schemas.text.Printable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PutAuditEvents: events of applications outside AWS, each checked ({@link IntegrationEvents}, its checksum) and
 * answered alone in {@code successful} or {@code failed}; the valid ones published to {@code trailwatch.audit} as
 * CloudTrail records in one transaction per call (all or none of them), where LookupEvents, the metric filters and
 * the event rules read them as any other audit event.
 */
public final class AuditEventsIngest {

    private static final Logger LOG = LoggerFactory.getLogger(AuditEventsIngest.class);
    /** PutAuditEvents' limits: 100 events and 1 MB per call. */
    static final int MAX_EVENTS = 100;
    /** PutAuditEvents' limit per call, checked by the endpoint on the request's body. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[-_A-Za-z0-9]{1,128}");

    private final AuditTransaction transaction;
    private final SerdeContext serdes;
    private final String registryUrl;
    private final String account;
    private final String region;

    /** @param account and @param region those of the channels this instance has ({@link ChannelArn}) */
    public AuditEventsIngest(final KafkaAccess kafka, final SerdeContext serdes, final String registryUrl,
                             final String account, final String region) {
        this.transaction = new AuditTransaction(kafka, "trailwatch-put-audit-events");
        this.serdes = serdes;
        this.registryUrl = registryUrl;
        this.account = account;
        this.region = region;
    }

    /** The resource a call acts on: its channel, as named (checked by {@link #put}). */
    static String channelOf(final JsonNode input) {
        return input.path("channelArn").asText("*");
    }

    /** Answers one call: {@code {successful: [{id, eventID}], failed: [{id, errorCode, errorMessage}]}}. */
    public ObjectNode put(final AwsInput input, final Instant now) {
        final ChannelArn channel = ChannelArn.of(input.requiredText("channelArn"), account, region);
        final List<JsonNode> entries = input.list("auditEvents");
        if (entries.isEmpty() || entries.size() > MAX_EVENTS) {
            throw new InvalidRecordException("auditEvents", "must have 1 to " + MAX_EVENTS + " events, had "
                + entries.size());
        }
        final ObjectNode answer = CloudTrailJson.MAPPER.createObjectNode();
        final ArrayNode successful = answer.putArray("successful");
        final ArrayNode failed = answer.putArray("failed");
        final List<AuditEvent> records = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        for (final JsonNode element : entries) {
            final AwsInput entry = AwsInput.of(element);
            final String id = entry.requiredText("id");
            if (!ID.matcher(id).matches()) {
                throw new InvalidRecordException("auditEvents.id", "must be 1 to 128 characters of letters, digits, "
                    + "- and _");
            }
            if (!ids.add(id)) {
                throw AwsError.of("DuplicatedAuditEventId", 400, "Two or more entries in the request have the same "
                    + "event ID: " + id);
            }
            final String eventData = entry.requiredText("eventData");
            try {
                checksum(eventData, entry.text("eventDataChecksum").orElse(null));
                final AuditEvent record = IntegrationEvents.record(eventData, channel, UUID.randomUUID().toString(),
                    now);
                records.add(record);
                successful.addObject().put("id", id).put("eventID", record.getEventID());
            } catch (final IntegrationEvents.Refused refused) {
                failed.addObject().put("id", id).put("errorCode", refused.code())
                    .put("errorMessage", refused.getMessage());
            }
        }
        if (!records.isEmpty()) {
            publish(records);
        }
        return answer;
    }

    /**
     * A checksum, when given, must be the SHA-256 of the event data: base64, as AWS documents it
     * ({@code openssl dgst -binary -sha256 | base64}), or hex.
     */
    private static void checksum(final String eventData, final String checksum) throws IntegrationEvents.Refused {
        if (checksum == null) {
            return;
        }
        final byte[] digest = sha256(eventData);
        if (!checksum.equals(Base64.getEncoder().encodeToString(digest))
            && !checksum.equalsIgnoreCase(HexFormat.of().formatHex(digest))) {
            throw new IntegrationEvents.Refused("InvalidChecksum", "eventDataChecksum is not the SHA-256 of "
                + "eventData (base64 or hex)");
        }
    }

    private static byte[] sha256(final String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void publish(final List<AuditEvent> records) {
        try {
            transaction.publish(AuditTransaction.encode(records, serdes, registryUrl), records);
        } catch (final AuditTransaction.Failure e) {
            LOG.warn("PutAuditEvents: {}", Printable.escape(e.getMessage()));
            throw AwsError.of("ServiceUnavailableException", "ServiceUnavailable", 503, "The events could not be "
                + "written to the audit trail, and none was; retry.");
        }
    }
}
