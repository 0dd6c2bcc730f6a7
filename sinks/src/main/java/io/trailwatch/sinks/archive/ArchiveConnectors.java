package io.trailwatch.sinks.archive;

import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.sinks.SinkConnectorConfig;
import io.trailwatch.sinks.archive.store.S3Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Connector configurations for Trailwatch's own archives: the audit trail as CloudTrail log files (with digests)
 * and the alarm history beside it under {@value #ALARM_HISTORY_PREFIX}.
 */
public final class ArchiveConnectors {

    public static final String AUDIT_CONNECTOR = "trailwatch-archive-audit";
    public static final String ALARMS_CONNECTOR = "trailwatch-archive-alarms";
    public static final String ALARM_HISTORY_PREFIX = "alarm-history/";
    /** By name: this class is also used where the Connect API is not on the class path. */
    public static final String CONNECTOR_CLASS = "io.trailwatch.sinks.archive.ArchiveSinkConnector";
    public static final String DEAD_LETTER_TOPIC = "trailwatch.archive.deadletter";
    /**
     * The settings that are secrets, which a worker should keep out of the configs its REST API returns (through a
     * config provider: {@code ${file:...}}).
     */
    public static final Set<String> SECRET_KEYS = Set.of(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY,
        AvroSerdeConfig.BASIC_AUTH_USER_INFO, AvroSerdeConfig.BEARER_AUTH_TOKEN, AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD);

    private ArchiveConnectors() {
    }

    /** The audit connector: {@code topic} as CloudTrail log files with signed digests every {@code digestInterval}. */
    public static Map<String, String> audit(final String topic, final S3Settings s3, final String registryUrl,
                                            final Path signingKey, final Duration digestInterval) {
        final Map<String, String> config = common(AUDIT_CONNECTOR, topic, s3, registryUrl);
        config.put(ArchiveSinkConfig.FORMAT, ArchiveFormat.CLOUDTRAIL);
        config.put(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE, signingKey.toString());
        config.put(ArchiveSinkConfig.DIGEST_INTERVAL_MS, String.valueOf(digestInterval.toMillis()));
        config.put(ArchiveSinkConfig.DIGEST_DELAY_MS, String.valueOf(Math.min(60_000, digestInterval.toMillis() / 2)));
        // No consumer.override.*: Trailwatch's worker allows no client overrides (a connector could point its clients
        // anywhere). The bigger polls and fetches that batches of tens of thousands of records want are the worker's
        // (consumer.max.poll.records=5000, consumer.max.partition.fetch.bytes=4 MiB in the stack's ConnectWorker).
        return config;
    }

    /** The alarm-history connector: {@code topic} as alarm history items under {@value #ALARM_HISTORY_PREFIX}. */
    public static Map<String, String> alarms(final String topic, final S3Settings s3, final String registryUrl) {
        final Map<String, String> config = common(ALARMS_CONNECTOR, topic, s3, registryUrl);
        config.put(ArchiveSinkConfig.FORMAT, ArchiveFormat.ALARM_HISTORY);
        config.put(ArchiveSinkConfig.S3_PREFIX, ALARM_HISTORY_PREFIX);
        config.put(ArchiveSinkConfig.DIGEST_ENABLED, "false");
        config.put("tasks.max", "1");
        return config;
    }

    private static Map<String, String> common(final String name, final String topic, final S3Settings s3,
                                              final String registryUrl) {
        // A record that cannot be archived is set aside on the dead-letter topic with the reason in headers.
        final Map<String, String> config = SinkConnectorConfig.of(name, CONNECTOR_CLASS, 2, topic, DEAD_LETTER_TOPIC);
        config.put(ArchiveSinkConfig.SCHEMA_REGISTRY_URL, registryUrl);
        // The worker runs in another JVM: the registry's credentials and trust store registered in this one go with
        // the URL, so the task reads writer schemas from a registry that authenticates.
        config.putAll(SerdeContext.registeredAccess(registryUrl));
        config.put(ArchiveSinkConfig.S3_BUCKET, s3.bucket());
        config.put(ArchiveSinkConfig.S3_REGION, s3.region());
        config.put(ArchiveSinkConfig.S3_PATH_STYLE, String.valueOf(s3.pathStyle()));
        if (s3.endpoint() != null) {
            config.put(ArchiveSinkConfig.S3_ENDPOINT, s3.endpoint());
        }
        if (s3.accessKeyId() != null) {
            config.put(ArchiveSinkConfig.S3_ACCESS_KEY_ID, s3.accessKeyId());
            config.put(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY, s3.secretAccessKey());
        }
        return config;
    }
}
