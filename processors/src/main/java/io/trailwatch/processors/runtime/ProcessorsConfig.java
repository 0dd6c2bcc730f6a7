package io.trailwatch.processors.runtime;

import io.trailwatch.processors.aggregation.AggregationSettings;
import io.trailwatch.processors.alarm.topology.AlarmSettings;
import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.notify.SmtpSettings;
import io.trailwatch.processors.rules.EventEnvelopes;
import io.trailwatch.processors.metrics.query.StatisticsRetention;
import io.trailwatch.processors.history.HistorySettings;
import io.trailwatch.processors.logs.insights.InsightsSettings;
import io.trailwatch.processors.logs.store.LogStorageSettings;
import io.trailwatch.schemas.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Configuration of the stream processors: every setting, its default, validation and documentation. */
public final class ProcessorsConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
    public static final String NUM_STREAM_THREADS = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
    public static final String COMMIT_INTERVAL_MS = StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
    public static final String RECORD_CACHE_MAX_BYTES = StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG;
    public static final String APPLICATION_SERVER = StreamsConfig.APPLICATION_SERVER_CONFIG;
    public static final String AGGREGATION_GRACE_MS = "trailwatch.aggregation.grace.ms";
    public static final String ALARM_EVALUATION_DELAY_MS = "trailwatch.alarm.evaluation.delay.ms";
    public static final String ALARM_PARTITIONS = "trailwatch.alarm.partitions";
    public static final String RULES_ACCOUNT = "trailwatch.rules.account";
    public static final String RULES_REGION = "trailwatch.rules.region";
    public static final String RETENTION_HIGH_RESOLUTION_MS = "trailwatch.metrics.retention.high.resolution.ms";
    public static final String RETENTION_60S_MS = "trailwatch.metrics.retention.60s.ms";
    public static final String RETENTION_300S_MS = "trailwatch.metrics.retention.300s.ms";
    public static final String RETENTION_3600S_MS = "trailwatch.metrics.retention.3600s.ms";
    public static final String HISTORY_RETENTION_MS = "trailwatch.history.retention.ms";
    public static final String HISTORY_EXPIRY_INTERVAL_MS = "trailwatch.history.expiry.interval.ms";
    public static final String HISTORY_SCAN_LIMIT = "trailwatch.history.scan.limit";
    public static final String LOGS_EXPIRY_INTERVAL_MS = "trailwatch.logs.expiry.interval.ms";
    public static final String LOGS_EXPIRY_BATCH = "trailwatch.logs.expiry.batch";
    public static final String INSIGHTS_MAX_SCAN_BYTES = "trailwatch.logs.insights.max.scan.bytes";
    public static final String INSIGHTS_MAX_CONCURRENT = "trailwatch.logs.insights.max.concurrent";
    public static final String INSIGHTS_TIMEOUT_MS = "trailwatch.logs.insights.timeout.ms";
    public static final String INSIGHTS_RESULTS_KEPT_MS = "trailwatch.logs.insights.results.kept.ms";
    public static final String ALARM_COMPOSITE_SETTLE_MS = "trailwatch.alarm.composite.settle.ms";
    public static final String ALARM_HISTORY_RETENTION_MS = "trailwatch.alarm.history.retention.ms";
    public static final String NOTIFY_MAX_ATTEMPTS = "trailwatch.notify.retry.max.attempts";
    public static final String NOTIFY_BACKOFF_MS = "trailwatch.notify.retry.backoff.ms";
    public static final String NOTIFY_BACKOFF_MAX_MS = "trailwatch.notify.retry.backoff.max.ms";
    public static final String NOTIFY_REQUEST_TIMEOUT_MS = "trailwatch.notify.request.timeout.ms";
    public static final String NOTIFY_CONCURRENCY = "trailwatch.notify.delivery.concurrency";
    public static final String PAGERDUTY_URL = "trailwatch.notify.pagerduty.url";
    public static final String SMTP_HOST = "trailwatch.notify.smtp.host";
    public static final String SMTP_PORT = "trailwatch.notify.smtp.port";
    public static final String SMTP_FROM = "trailwatch.notify.smtp.from";
    public static final String SMTP_USERNAME = "trailwatch.notify.smtp.username";
    public static final String SMTP_PASSWORD = "trailwatch.notify.smtp.password";
    public static final String SMTP_STARTTLS_REQUIRED = "trailwatch.notify.smtp.starttls.required";

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "Kafka bootstrap servers.")
        .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Confluent-compatible schema registry URL.")
        .define(APPLICATION_ID, Type.STRING, "trailwatch-processors", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            "Kafka Streams application id: consumer group, prefix of internal topics. Instances with the same id "
                + "share the work.")
        .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/trailwatch-streams", Importance.MEDIUM,
            "Directory of the local state stores (RocksDB).")
        .define(NUM_STREAM_THREADS, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM, "Stream threads per instance.")
        // Kafka's 10 MB record cache, split between the stream threads, holds the statuses of fewer than 10,000
        // alarms: when many alarms are evaluated at once the cache thrashes, every read goes to RocksDB and every
        // eviction flushes the store's dirty entries mid-interval. 64 MiB holds them, so a status is read from the
        // cache and written to RocksDB and its changelog once per commit.
        .define(RECORD_CACHE_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, Range.atLeast(0), Importance.LOW,
            "Record cache of all stream threads together (Kafka's default 10 MB thrashes with 10,000 alarms).")
        .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
            "Transaction commit interval: the bound on how long results wait before consumers can read them.")
        .define(APPLICATION_SERVER, Type.STRING, "", Importance.LOW,
            "host:port of this instance's HTTP API, advertised to other instances for routed queries.")
        .define(AGGREGATION_GRACE_MS, Type.LONG, 5_000L, Range.atLeast(0), Importance.MEDIUM,
            "How long after a period ends its datapoints are still accepted; later ones go to trailwatch.metrics.late.")
        .define(ALARM_EVALUATION_DELAY_MS, Type.LONG, 7_000L, Range.atLeast(0), Importance.LOW,
            "How far behind the wall clock alarms are evaluated, so a closed period's statistic is in before data "
                + "is treated as missing. Keep it above the aggregation grace.")
        .define(ALARM_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.LOW,
            "Partitions of the alarm-keyed repartition topic. Fixed once the application has run.")
        .define(RULES_ACCOUNT, Type.STRING, "000000000000", new ConfigDef.NonEmptyString(), Importance.LOW,
            "Account id in the EventBridge envelope of alarm state changes that event rules match (audit events "
                + "carry their own).")
        .define(RULES_REGION, Type.STRING, "us-east-1", new ConfigDef.NonEmptyString(), Importance.LOW,
            "Region in the EventBridge envelope of alarm state changes that event rules match (audit events carry "
                + "their own).")
        .define(RETENTION_HIGH_RESOLUTION_MS, Type.LONG, StatisticsRetention.CLOUDWATCH.highResolution().toMillis(),
            Range.atLeast(1), Importance.LOW, "How long statistics of periods under 60 s are kept (CloudWatch: 3 h).")
        .define(RETENTION_60S_MS, Type.LONG, StatisticsRetention.CLOUDWATCH.oneMinute().toMillis(), Range.atLeast(1),
            Importance.LOW, "How long 60 s statistics are kept (CloudWatch: 15 days).")
        .define(RETENTION_300S_MS, Type.LONG, StatisticsRetention.CLOUDWATCH.fiveMinutes().toMillis(), Range.atLeast(1),
            Importance.LOW, "How long 300 s statistics are kept (CloudWatch: 63 days).")
        .define(RETENTION_3600S_MS, Type.LONG, StatisticsRetention.CLOUDWATCH.oneHour().toMillis(), Range.atLeast(1),
            Importance.LOW, "How long 3600 s statistics are kept (CloudWatch: 455 days).")
        .define(HISTORY_RETENTION_MS, Type.LONG, HistorySettings.DEFAULTS.retention().toMillis(), Range.atLeast(1),
            Importance.MEDIUM, "How long audit events stay in the event history (GET /v1/events); older ones are "
                + "removed from its stores. CloudTrail's event history keeps 90 days, the default.")
        .define(HISTORY_EXPIRY_INTERVAL_MS, Type.LONG, HistorySettings.DEFAULTS.expiryInterval().toMillis(),
            Range.atLeast(1), Importance.LOW, "How often (wall-clock) events older than the retention are removed.")
        .define(HISTORY_SCAN_LIMIT, Type.INT, HistorySettings.DEFAULTS.scanLimit(), Range.atLeast(1), Importance.LOW,
            "Index entries one partition examines per event-history query before it answers with what it found and "
                + "a NextToken to go on: bounds the latency of queries whose matches are rare.")
        .define(LOGS_EXPIRY_INTERVAL_MS, Type.LONG, LogStorageSettings.DEFAULTS.expiryInterval().toMillis(),
            Range.atLeast(1), Importance.LOW, "How often (wall-clock) stored log events older than their log group's "
                + "retention are removed from disk (queries never return them meanwhile).")
        .define(LOGS_EXPIRY_BATCH, Type.INT, LogStorageSettings.DEFAULTS.expiryBatch(), Range.atLeast(1),
            Importance.LOW, "At most how many expired log events one removal deletes; the rest go at the next ones.")
        .define(INSIGHTS_MAX_SCAN_BYTES, Type.LONG, InsightsSettings.DEFAULTS.maxScanBytes(), Range.atLeast(1),
            Importance.MEDIUM, "A Logs Insights query whose log groups hold more than this many bytes (CloudWatch's "
                + "event sizes) in its time range is refused before it starts, naming the estimate.")
        .define(INSIGHTS_MAX_CONCURRENT, Type.INT, InsightsSettings.DEFAULTS.maxConcurrent(), Range.atLeast(1),
            Importance.LOW, "Logs Insights queries scheduled or running at once (per instance); one more is refused "
                + "with LimitExceededException, as CloudWatch's 30 per account.")
        .define(INSIGHTS_TIMEOUT_MS, Type.LONG, InsightsSettings.DEFAULTS.timeout().toMillis(), Range.atLeast(1),
            Importance.LOW, "A Logs Insights query still running after this ends with status Timeout.")
        .define(INSIGHTS_RESULTS_KEPT_MS, Type.LONG, InsightsSettings.DEFAULTS.resultsKept().toMillis(),
            Range.atLeast(1), Importance.LOW, "How long a finished Logs Insights query's results can be read.")
        .define(ALARM_COMPOSITE_SETTLE_MS, Type.LONG, AlarmSettings.DEFAULT_COMPOSITE_SETTLE.toMillis(),
            Range.atLeast(0), Importance.LOW,
            "How long a new or changed composite alarm waits for its children's current states before it first "
                + "evaluates its rule.")
        .define(ALARM_HISTORY_RETENTION_MS, Type.LONG, AlarmSettings.DEFAULT_HISTORY_RETENTION.toMillis(),
            Range.atLeast(1), Importance.LOW, "How long alarm history is kept (CloudWatch keeps 30 days).")
        .define(NOTIFY_MAX_ATTEMPTS, Type.INT, DeliverySettings.DEFAULTS.maxAttempts(), Range.between(1, 100),
            Importance.LOW, "Attempts to deliver a notification to a subscription before it is dead-lettered.")
        .define(NOTIFY_BACKOFF_MS, Type.LONG, DeliverySettings.DEFAULTS.backoff().toMillis(), Range.atLeast(1),
            Importance.LOW, "Wait after a notification's first failed attempt; doubled at each retry.")
        .define(NOTIFY_BACKOFF_MAX_MS, Type.LONG, DeliverySettings.DEFAULTS.maxBackoff().toMillis(),
            Range.atLeast(1), Importance.LOW, "Longest wait between a notification's attempts.")
        .define(NOTIFY_REQUEST_TIMEOUT_MS, Type.LONG, DeliverySettings.DEFAULTS.requestTimeout().toMillis(),
            Range.atLeast(1), Importance.LOW, "Timeout of one delivery request.")
        .define(NOTIFY_CONCURRENCY, Type.INT, DeliverySettings.DEFAULTS.concurrency(), Range.between(1, 256),
            Importance.LOW, "Delivery requests an instance sends at once, each to a different subscription (one "
                + "subscription's deliveries stay in order); after a crash, at most these can come again.")
        .define(PAGERDUTY_URL, Type.STRING, "https://events.pagerduty.com/v2/enqueue", new ConfigDef.NonEmptyString(),
            Importance.LOW, "PagerDuty's Events API v2 endpoint, where pagerduty subscriptions send their events.")
        .define(SMTP_HOST, Type.STRING, "", Importance.MEDIUM,
            "SMTP server of email subscriptions; empty: none (their messages are dead-lettered with that reason).")
        .define(SMTP_PORT, Type.INT, 587, Range.between(1, 65_535), Importance.MEDIUM, "Its port.")
        .define(SMTP_FROM, Type.STRING, "trailwatch@localhost", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            "The sender of email notifications.")
        .define(SMTP_USERNAME, Type.STRING, "", Importance.MEDIUM, "SMTP login; empty: none.")
        .define(SMTP_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "SMTP password.")
        .define(SMTP_STARTTLS_REQUIRED, Type.BOOLEAN, true, Importance.MEDIUM,
            "Refuse an SMTP server that does not offer STARTTLS (turn off only for a relay on this machine).");

    private final Map<String, Object> originals;

    public ProcessorsConfig(final Map<String, ?> originals) {
        super(DEFINITION, originals, false);
        this.originals = new HashMap<>(originals);
    }

    public AggregationSettings aggregation() {
        return AggregationSettings.DEFAULTS.withGrace(Duration.ofMillis(getLong(AGGREGATION_GRACE_MS)));
    }

    public StatisticsRetention statisticsRetention() {
        return new StatisticsRetention(Duration.ofMillis(getLong(RETENTION_HIGH_RESOLUTION_MS)),
            Duration.ofMillis(getLong(RETENTION_60S_MS)), Duration.ofMillis(getLong(RETENTION_300S_MS)),
            Duration.ofMillis(getLong(RETENTION_3600S_MS)));
    }

    public AlarmSettings alarms() {
        return new AlarmSettings(Duration.ofMillis(getLong(ALARM_EVALUATION_DELAY_MS)), Duration.ofSeconds(1),
            getInt(ALARM_PARTITIONS), Duration.ofMillis(getLong(ALARM_COMPOSITE_SETTLE_MS)),
            Duration.ofMillis(getLong(ALARM_HISTORY_RETENTION_MS)));
    }

    public HistorySettings history() {
        return new HistorySettings(Duration.ofMillis(getLong(HISTORY_RETENTION_MS)),
            Duration.ofMillis(getLong(HISTORY_EXPIRY_INTERVAL_MS)), getInt(HISTORY_SCAN_LIMIT));
    }

    /** How subscriptions' deliveries are retried. */
    public DeliverySettings delivery() {
        return new DeliverySettings(getInt(NOTIFY_MAX_ATTEMPTS), Duration.ofMillis(getLong(NOTIFY_BACKOFF_MS)),
            Duration.ofMillis(getLong(NOTIFY_BACKOFF_MAX_MS)), Duration.ofMillis(getLong(NOTIFY_REQUEST_TIMEOUT_MS)),
            getInt(NOTIFY_CONCURRENCY));
    }

    /** Where pagerduty subscriptions send their events. */
    public String pagerDutyEventsUrl() {
        return getString(PAGERDUTY_URL);
    }

    /** The SMTP server of email subscriptions. */
    public SmtpSettings smtp() {
        final var password = getPassword(SMTP_PASSWORD);
        return new SmtpSettings(getString(SMTP_HOST), getInt(SMTP_PORT), getString(SMTP_FROM),
            getString(SMTP_USERNAME), password == null ? null : password.value(), getBoolean(SMTP_STARTTLS_REQUIRED));
    }

    /** How the log store behaves. */
    public LogStorageSettings logStorage() {
        return new LogStorageSettings(Duration.ofMillis(getLong(LOGS_EXPIRY_INTERVAL_MS)), getInt(LOGS_EXPIRY_BATCH));
    }

    /** How Logs Insights queries run. */
    public InsightsSettings insights() {
        return new InsightsSettings(getLong(INSIGHTS_MAX_SCAN_BYTES), getInt(INSIGHTS_MAX_CONCURRENT),
            Duration.ofMillis(getLong(INSIGHTS_TIMEOUT_MS)), Duration.ofMillis(getLong(INSIGHTS_RESULTS_KEPT_MS)));
    }

    /** How events are enveloped for event rules. */
    public EventEnvelopes eventEnvelopes() {
        return new EventEnvelopes(rulesAccount(), rulesRegion());
    }

    public String rulesAccount() {
        return getString(RULES_ACCOUNT);
    }

    public String rulesRegion() {
        return getString(RULES_REGION);
    }

    /** This instance's advertised HTTP address for routed queries; localhost:8080 when not set. */
    public org.apache.kafka.streams.state.HostInfo applicationServer() {
        final String server = getString(APPLICATION_SERVER);
        return org.apache.kafka.streams.state.HostInfo.buildFromEndpoint(server.isEmpty() ? "localhost:8080" : server);
    }

    public String bootstrapServers() {
        return String.join(",", getList(BOOTSTRAP_SERVERS));
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    /**
     * Kafka Streams properties: exactly-once v2, dead-letter routing of undecodable records, and any
     * {@code streams.}-free Kafka settings the caller passed through.
     */
    public Properties streamsProperties() {
        final Properties props = new Properties();
        originals.forEach((key, value) -> {
            if (!key.startsWith("trailwatch.") && !DEFINITION.names().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        props.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A record that is not valid Confluent-wire Avro is sent, with its source and reason in headers, to the
        // dead-letter topic, and the stream goes on.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, io.trailwatch.schemas.Topics.DEADLETTER.name());
        props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StoreRocksDbConfig.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, getLong(RECORD_CACHE_MAX_BYTES));
        if (!getString(APPLICATION_SERVER).isEmpty()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, getString(APPLICATION_SERVER));
        }
        return props;
    }
}
