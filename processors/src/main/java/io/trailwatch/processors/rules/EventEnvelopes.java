package io.trailwatch.processors.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Dimension;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.notify.NotificationTopicArns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Events as EventBridge delivers them (PutEvents writes custom events so too): {@code {"version":"0","id",
 * "detail-type","source","account","time","region","resources":[],"detail":{...}}}. Ids are derived from the event (a CloudTrail eventID, an alarm
 * transition id), so a replayed event carries the same id and consumers can drop the copy.
 */
public final class EventEnvelopes {

    public static final String AUDIT_DETAIL_TYPE = "AWS API Call via CloudTrail";
    public static final String ALARM_DETAIL_TYPE = "CloudWatch Alarm State Change";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper ENVELOPE_READER = new ObjectMapper();
    private static final String AWS_DOMAIN = ".amazonaws.com";
    private static final DateTimeFormatter STATE_TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    private final String account;
    private final String region;

    /** @param account and @param region stamped on alarm events, which have neither of their own */
    public EventEnvelopes(final String account, final String region) {
        this.account = account;
        this.region = region;
    }

    /** The ARNs of the notification topics of this event bus's account and region (rules' SNS targets). */
    public NotificationTopicArns notificationTopics() {
        return new NotificationTopicArns(account, region);
    }

    /** An audit event as EventBridge receives it from CloudTrail; the record itself is the detail. */
    public ObjectNode audit(final AuditRecord record) {
        final AuditEvent event = record.event();
        final String eventAccount = event.getRecipientAccountId() != null ? event.getRecipientAccountId()
            : event.getUserIdentity().getAccountId() != null ? event.getUserIdentity().getAccountId() : account;
        final ObjectNode envelope = header(id("audit", event.getEventID()), detailType(event.getEventType()),
            source(event.getEventSource()), eventAccount, event.getEventTime(), event.getAwsRegion());
        envelope.putArray("resources");
        envelope.set("detail", record.json());
        return envelope;
    }

    /** An alarm state change as CloudWatch sends it to EventBridge. */
    public ObjectNode alarm(final AlarmStateChange change) {
        final ObjectNode envelope = header(change.getId(), ALARM_DETAIL_TYPE, "aws.cloudwatch", account,
            change.getState().getTimestamp(), region);
        envelope.putArray("resources").add("arn:aws:cloudwatch:" + region + ":" + account + ":alarm:"
            + change.getAlarmName());
        final ObjectNode detail = envelope.putObject("detail");
        detail.put("alarmName", change.getAlarmName());
        detail.set("state", state(change.getState()));
        detail.set("previousState", state(change.getPreviousState()));
        detail.set("configuration", configuration(change.getConfiguration()));
        return envelope;
    }

    /** A custom event (PutEvents) in the account and region of this instance's bus. */
    public ObjectNode custom(final String id, final String source, final String detailType, final Instant time,
                             final List<String> resources, final JsonNode detail) {
        final ObjectNode envelope = header(id, detailType, source, account, time, region);
        resources.forEach(envelope.putArray("resources")::add);
        envelope.set("detail", detail);
        return envelope;
    }

    /**
     * A custom event as PutEvents wrote it to {@code trailwatch.events}: the envelope itself; null for a record that
     * is not one (written around PutEvents by a Kafka client), which the rules dead-letter ({@link #problem}).
     */
    public static ObjectNode read(final String envelopeJson) {
        return problem(envelopeJson) == null ? parsed(envelopeJson) : null;
    }

    /**
     * Why a record of {@code trailwatch.events} is not a custom event PutEvents could have written, or null when it
     * is one: a JSON object with a string {@code id}, a string {@code source} that is not AWS's ({@code aws.*}, which
     * only AWS's own events carry), and a {@code detail-type}.
     */
    public static String problem(final String envelopeJson) {
        final JsonNode envelope = parsed(envelopeJson);
        if (envelope == null) {
            return "not an EventBridge event envelope (a JSON object), as PutEvents writes them";
        }
        if (!envelope.path("id").isTextual()) {
            return "the envelope has no string id";
        }
        if (!envelope.path("source").isTextual() || envelope.path("source").asText().startsWith("aws.")) {
            return "the envelope's source must be a string that is not AWS's own (aws.*)";
        }
        if (!envelope.path("detail-type").isTextual()) {
            return "the envelope has no string detail-type";
        }
        return null;
    }

    private static ObjectNode parsed(final String envelopeJson) {
        try {
            return ENVELOPE_READER.readTree(envelopeJson) instanceof ObjectNode object ? object : null;
        } catch (final JsonProcessingException notJson) {
            return null;
        }
    }

    /**
     * EventBridge's source for a CloudTrail event source: {@code s3.amazonaws.com} is {@code aws.s3}; a service
     * outside AWS keeps its own name.
     */
    static String source(final String eventSource) {
        return eventSource.endsWith(AWS_DOMAIN)
            ? "aws." + eventSource.substring(0, eventSource.length() - AWS_DOMAIN.length()) : eventSource;
    }

    /** The detail-type EventBridge gives each CloudTrail event type. */
    static String detailType(final String eventType) {
        if (eventType == null) {
            return AUDIT_DETAIL_TYPE;
        }
        return switch (eventType) {
            case "AwsConsoleSignIn" -> "AWS Console Sign In via CloudTrail";
            case "AwsConsoleAction" -> "AWS Console Action via CloudTrail";
            case "AwsServiceEvent" -> "AWS Service Event via CloudTrail";
            default -> AUDIT_DETAIL_TYPE;
        };
    }

    /**
     * EventBridge's "Scheduled Event" of a scheduled rule's tick: source aws.events, the rule's ARN as its resource,
     * the tick as its time, an empty detail; its id is the same for the same rule and tick.
     */
    public ObjectNode scheduled(final String ruleName, final Instant tick) {
        final String ruleArn = "arn:aws:events:" + region + ":" + account + ":rule/" + ruleName;
        final ObjectNode envelope = header(id("scheduled", ruleArn + "@" + tick.toEpochMilli()), "Scheduled Event",
            "aws.events", account, tick, region);
        envelope.putArray("resources").add(ruleArn);
        envelope.putObject("detail");
        return envelope;
    }

    private static ObjectNode header(final String id, final String detailType, final String source,
                                     final String account, final Instant time, final String region) {
        final ObjectNode envelope = NODES.objectNode();
        envelope.put("version", "0");
        envelope.put("id", id);
        envelope.put("detail-type", detailType);
        envelope.put("source", source);
        envelope.put("account", account);
        envelope.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", region);
        return envelope;
    }

    private static String id(final String kind, final String eventId) {
        return UUID.nameUUIDFromBytes((kind + '/' + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ObjectNode state(final AlarmState state) {
        final ObjectNode node = NODES.objectNode();
        node.put("value", state.getValue().name());
        node.put("reason", state.getReason());
        if (state.getReasonData() != null) {
            node.put("reasonData", state.getReasonData());
        }
        node.put("timestamp", STATE_TIME.format(state.getTimestamp()));
        return node;
    }

    /** CloudWatch's shape: the description and the alarm's metric as metrics[0].metricStat, or its alarmRule. */
    private static ObjectNode configuration(final AlarmConfiguration configuration) {
        final ObjectNode node = NODES.objectNode();
        if (configuration.getDescription() != null) {
            node.put("description", configuration.getDescription());
        }
        if (configuration.getAlarmRule() != null) {
            node.put("alarmRule", configuration.getAlarmRule());
        }
        if (configuration.getMetricName() != null) {
            final ObjectNode entry = node.putArray("metrics").addObject().put("id", "m1");
            final ObjectNode metricStat = entry.putObject("metricStat");
            final ObjectNode metric = metricStat.putObject("metric");
            metric.put("namespace", configuration.getNamespace());
            metric.put("name", configuration.getMetricName());
            final ObjectNode dimensions = metric.putObject("dimensions");
            for (final Dimension dimension : configuration.getDimensions()) {
                dimensions.put(dimension.getName(), dimension.getValue());
            }
            if (configuration.getPeriod() != null) {
                metricStat.put("period", configuration.getPeriod());
            }
            metricStat.put("stat", configuration.getStatistic());
            entry.put("returnData", true);
        }
        return node;
    }
}
