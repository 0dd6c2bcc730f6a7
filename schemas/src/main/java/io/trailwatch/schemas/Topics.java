package io.trailwatch.schemas;

import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.IdentityEntry;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import java.util.List;
import java.util.Map;

/** Every topic Trailwatch reads or writes, declared once. */
public final class Topics {

    private static final int DEFAULT_PARTITIONS = 6;

    /** The audit trail: CloudTrail records keyed by eventID. */
    public static final Topic<String, AuditEvent> AUDIT = new Topic<>(
        "trailwatch.audit", Codec.string(), Codec.avro(AuditEvent.class), DEFAULT_PARTITIONS, Map.of());

    /** Metric datapoints keyed by metric identity (namespace, name, sorted dimensions, unit). */
    public static final Topic<String, MetricDatum> METRICS = new Topic<>(
        "trailwatch.metrics", Codec.string(), Codec.avro(MetricDatum.class), DEFAULT_PARTITIONS, Map.of());

    /**
     * Datapoints that arrived after their period had closed and that no kept period can take any more (all past
     * their retention), kept rather than dropped; the header {@code trailwatch.late.reason} says which period and why.
     * Later datapoints within retention correct their periods instead.
     */
    public static final Topic<String, MetricDatum> METRICS_LATE = new Topic<>(
        "trailwatch.metrics.late", Codec.string(), Codec.avro(MetricDatum.class), DEFAULT_PARTITIONS, Map.of());

    /**
     * Statistics of each metric per closed period, keyed by metric identity: revision 0 when the period closes, the
     * next revision for each correction by late datapoints.
     */
    public static final Topic<String, MetricStatistics> METRIC_STATS = new Topic<>(
        "trailwatch.metric-stats", Codec.string(), Codec.avro(MetricStatistics.class), DEFAULT_PARTITIONS, Map.of());

    /** Application log events keyed by log group and stream. */
    public static final Topic<String, LogEvent> LOGS = new Topic<>(
        "trailwatch.logs", Codec.string(), Codec.avro(LogEvent.class), DEFAULT_PARTITIONS, Map.of());

    /** Alarm state changes keyed by alarm name: what people and programs consume. */
    public static final Topic<String, AlarmStateChange> ALARMS = new Topic<>(
        "trailwatch.alarms", Codec.string(), Codec.avro(AlarmStateChange.class), DEFAULT_PARTITIONS, Map.of());

    /**
     * Custom events (EventBridge's PutEvents), each the JSON text of its EventBridge envelope, keyed by event id:
     * the event rules read them with the audit events and alarm state changes.
     */
    public static final Topic<String, String> EVENTS = new Topic<>(
        "trailwatch.events", Codec.string(), Codec.string(), DEFAULT_PARTITIONS, Map.of());

    /**
     * Requests to the task that owns an alarm (SetAlarmState), keyed by alarm name. Kept a day: an override that
     * waited longer than that for the processors is no longer what anyone asked for.
     */
    public static final Topic<String, AlarmCommand> ALARM_COMMANDS = new Topic<>(
        "trailwatch.alarm-commands", Codec.string(), Codec.avro(AlarmCommand.class), DEFAULT_PARTITIONS,
        Map.of("retention.ms", "86400000"));

    /**
     * What alarm actions publish to notification topics: one delivery per transition and subscription, keyed by the
     * subscription ({@code <topic>:<id>}, so one endpoint's deliveries keep their order), the value the JSON of the
     * delivery (its id, the idempotency key, and the message); the endpoint is read from the subscription when it is
     * delivered, so no secret is on this topic.
     */
    public static final Topic<String, String> NOTIFICATIONS = new Topic<>(
        "trailwatch.notifications", Codec.string(), Codec.string(), DEFAULT_PARTITIONS, Map.of());

    /** Deliveries that still failed after their retries, as they were, with the reason in headers. */
    public static final Topic<String, String> NOTIFICATIONS_DEADLETTER = new Topic<>(
        "trailwatch.notifications.deadletter", Codec.string(), Codec.string(), 1, Map.of());

    /**
     * Definitions of metric filters, alarms and rules, keyed {@code <kind>/<name>}; compacted, so the
     * topic is the durable source of truth that every instance reads whole.
     */
    public static final Topic<String, ConfigEntry> CONFIG = new Topic<>(
        "trailwatch.config", Codec.string(), Codec.avro(ConfigEntry.class), 1,
        Map.of("cleanup.policy", "compact", "retention.ms", "-1"));

    /**
     * Users and access keys, keyed {@code user/<name>} or {@code access-key/<id>}; compacted and read whole by every
     * instance, so a key created on one instance signs requests to all of them. Secrets are encrypted with the
     * identity key of the data directory; the topic alone does not reveal them.
     */
    public static final Topic<String, IdentityEntry> IDENTITY = new Topic<>(
        "trailwatch.identity", Codec.string(), Codec.avro(IdentityEntry.class), 1,
        Map.of("cleanup.policy", "compact", "retention.ms", "-1"));

    /**
     * CloudWatch dashboards, keyed by dashboard name, the value the dashboard body (JSON text) exactly as PutDashboard
     * took it, the record's timestamp its LastModified; compacted and read whole by every instance. A body may be
     * 1 MB (PutDashboard's limit), more than the broker's default largest record.
     */
    public static final Topic<String, String> DASHBOARDS = new Topic<>(
        "trailwatch.dashboards", Codec.string(), Codec.string(), 1,
        Map.of("cleanup.policy", "compact", "retention.ms", "-1", "max.message.bytes", "2097152"));

    /**
     * Records that could not be read or were invalid, byte for byte as they arrived, with the reason,
     * source topic, partition and offset in headers.
     */
    public static final Topic<byte[], byte[]> DEADLETTER = new Topic<>(
        "trailwatch.deadletter", Codec.bytes(), Codec.bytes(), 1, Map.of());

    private Topics() {
    }

    /** All topics, in creation order. */
    public static List<Topic<?, ?>> all() {
        return List.of(AUDIT, METRICS, METRICS_LATE, METRIC_STATS, LOGS, ALARMS, CONFIG, DEADLETTER, ALARM_COMMANDS,
            IDENTITY, EVENTS, NOTIFICATIONS, NOTIFICATIONS_DEADLETTER, DASHBOARDS);
    }
}
