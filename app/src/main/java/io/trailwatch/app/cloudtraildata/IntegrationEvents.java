package io.trailwatch.app.cloudtraildata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.json.CloudTrailJson;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudTrail Lake integration events ({@code eventData} of PutAuditEvents) as CloudTrail records of
 * {@code trailwatch.audit}, checked against the integration event schema. The record gets what CloudTrail adds on
 * ingestion: its own eventID, {@code eventCategory} ActivityAuditLog, {@code eventType} ActivityLog, the channel's
 * region as {@code awsRegion}, and {@code metadata} {@code {ingestionTime, channelARN}} naming the channel (kept
 * with the record among its fields outside the schema). The source's {@code version} is the record's
 * {@code eventVersion}, its {@code UID} the {@code requestID}; without a {@code sourceIPAddress} the record has the
 * event source's name there, as CloudTrail's records of calls made by services have.
 */
final class IntegrationEvents {

    /** In the schema's order: the first missing one is named. */
    private static final List<String> REQUIRED = List.of("version", "userIdentity", "eventSource", "eventName",
        "eventTime", "UID", "recipientAccountId");
    private static final Set<String> TEXT = Set.of("version", "eventSource", "eventName", "eventTime", "UID",
        "recipientAccountId", "userAgent", "errorCode", "errorMessage", "sourceIPAddress");
    private static final Set<String> OBJECTS = Set.of("userIdentity", "requestParameters", "responseElements",
        "additionalEventData");
    private static final Set<String> IDENTITY_TEXT = Set.of("type", "principalId");

    private IntegrationEvents() {
    }

    /** One event refused, with the error code CloudTrail Data gives it in {@code failed}. */
    static final class Refused extends Exception {
        private final String code;

        Refused(final String code, final String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** The record of one event's data, received now through the channel, under the given eventID. */
    static AuditEvent record(final String eventData, final ChannelArn channel, final String eventId,
                             final Instant now) throws Refused {
        final JsonNode data;
        try {
            data = CloudTrailJson.MAPPER.readTree(eventData);
        } catch (final JsonProcessingException e) {
            throw new Refused("InvalidData", "eventData is not JSON: " + e.getOriginalMessage());
        }
        if (data == null || !data.isObject()) {
            throw new Refused("InvalidData", "eventData must be a JSON object");
        }
        check(data);
        if (!data.get("recipientAccountId").textValue().equals(channel.account())) {
            throw new Refused("InvalidRecipient", "recipientAccountId must be the account that owns the channel, "
                + channel.account());
        }
        final ObjectNode record = CloudTrailJson.MAPPER.createObjectNode();
        record.put("eventVersion", data.get("version").textValue());
        record.put("eventID", eventId);
        record.put("eventTime", eventTime(data.get("eventTime").textValue()).toString());
        record.put("eventSource", data.get("eventSource").textValue());
        record.put("eventName", data.get("eventName").textValue());
        record.put("awsRegion", channel.region());
        record.put("sourceIPAddress", data.path("sourceIPAddress").asText(data.get("eventSource").textValue()));
        record.set("userIdentity", data.get("userIdentity"));
        for (final String field : new String[] {"userAgent", "errorCode", "errorMessage", "requestParameters",
            "responseElements", "additionalEventData", "recipientAccountId"}) {
            if (data.hasNonNull(field)) {
                record.set(field, data.get(field));
            }
        }
        record.put("requestID", data.get("UID").textValue());
        record.put("eventType", "ActivityLog");
        record.put("eventCategory", "ActivityAuditLog");
        record.putObject("metadata").put("ingestionTime", now.toString()).put("channelARN", channel.arn());
        try {
            return CloudTrailJson.fromJson(record);
        } catch (final InvalidRecordException e) {
            throw new Refused("InvalidData", "Field " + e.field() + " " + e.reason());
        }
    }

    /** The schema's fields, required ones present, each of its type; no other field. */
    private static void check(final JsonNode data) throws Refused {
        for (final String field : REQUIRED) {
            if (!data.hasNonNull(field)) {
                throw new Refused("FieldNotFound", "Field " + field + " is required");
            }
        }
        for (final Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext();) {
            final Map.Entry<String, JsonNode> field = fields.next();
            checkType(field.getKey(), field.getValue(), TEXT, OBJECTS);
        }
        final JsonNode identity = data.get("userIdentity");
        for (final String field : IDENTITY_TEXT) {
            if (!identity.hasNonNull(field)) {
                throw new Refused("FieldNotFound", "Field userIdentity." + field + " is required");
            }
        }
        for (final Iterator<Map.Entry<String, JsonNode>> fields = identity.fields(); fields.hasNext();) {
            final Map.Entry<String, JsonNode> field = fields.next();
            checkType("userIdentity." + field.getKey(), field.getValue(),
                Set.of("userIdentity.type", "userIdentity.principalId"), Set.of("userIdentity.details"));
        }
    }

    private static void checkType(final String name, final JsonNode value, final Set<String> text,
                                  final Set<String> objects) throws Refused {
        if (text.contains(name)) {
            if (!value.isTextual()) {
                throw new Refused("InvalidData", "Field " + name + " must be a string");
            }
        } else if (objects.contains(name)) {
            if (!value.isObject()) {
                throw new Refused("InvalidData", "Field " + name + " must be a JSON object");
            }
        } else {
            throw new Refused("InvalidData", "Field " + name + " is not a field of an integration event");
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} in UTC, as the schema has it, or with an offset. */
    private static Instant eventTime(final String text) throws Refused {
        try {
            return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                ? OffsetDateTime.parse(text).toInstant()
                : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (final DateTimeException e) {
            throw new Refused("InvalidData", "Field eventTime must be a time as yyyy-MM-ddTHH:mm:ss (UTC)");
        }
    }
}
