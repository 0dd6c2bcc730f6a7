package io.trailwatch.sinks.archive;

import io.trailwatch.sinks.archive.digest.Digester;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives a Trailwatch topic to S3-compatible storage as CloudTrail log files (or CloudWatch alarm history),
 * exactly once, with CloudTrail's signed hourly digests.
 *
 * <pre>
 * connector.class=io.trailwatch.sinks.archive.ArchiveSinkConnector
 * topics=trailwatch.audit
 * key.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * schema.registry.url=http://localhost:8081/apis/ccompat/v7
 * s3.bucket.name=audit-archive
 * digest.signing.key.file=/etc/trailwatch/digest-signing-key.pem
 * </pre>
 *
 * <p>The connector instance (one per cluster) writes the digests; its tasks write the log files.
 */
public final class ArchiveSinkConnector extends SinkConnector {

    public static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSinkConnector.class);
    private static final Duration LONGEST_DIGEST_CHECK = Duration.ofSeconds(10);

    private Map<String, String> props;
    private ScheduledExecutorService digests;
    private S3ObjectStore digestStore;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(final Map<String, String> connectorProps) {
        this.props = Map.copyOf(connectorProps);
        final ArchiveSinkConfig config = new ArchiveSinkConfig(props);
        if (!config.digestEnabled()) {
            return;
        }
        final String service = ArchiveFormat.serviceOf(config.format());
        digestStore = S3ObjectStore.open(config.s3());
        final Digester digester = new Digester(digestStore, new LogFileLayout(config.prefix(), service), config.digest(),
            SigningKey.load(config.digest().signingKeyFile()));
        digests = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "archive-digester");
            thread.setDaemon(true);
            return thread;
        });
        final long checkMs = Math.max(200, Math.min(LONGEST_DIGEST_CHECK.toMillis(),
            config.digest().interval().toMillis() / 4));
        digests.scheduleWithFixedDelay(() -> {
            try {
                digester.publishPublicKey();
                digester.writeDue(Instant.now());
            } catch (final RuntimeException e) {
                LOG.warn("Writing digests failed; retrying in {} ms: {}", checkMs, e.toString());
            }
        }, 0, checkMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ArchiveSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        final List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (digests != null) {
            digests.shutdownNow();
            try {
                digests.awaitTermination(10, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            digests = null;
        }
        if (digestStore != null) {
            digestStore.close();
            digestStore = null;
        }
    }

    @Override
    public ConfigDef config() {
        return ArchiveSinkConfig.DEFINITION;
    }

    /** Each setting's own validation, then the rules across settings, reported on the setting they name. */
    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        final Config config = super.validate(connectorConfigs);
        final boolean singleValuesValid = config.configValues().stream().allMatch(value -> value.errorMessages()
            .isEmpty());
        if (singleValuesValid) {
            ArchiveSinkConfig.crossSettingProblem(connectorConfigs).ifPresent(problem -> config.configValues().stream()
                .filter(value -> value.name().equals(problem.setting())).findFirst()
                .ifPresent((ConfigValue value) -> value.addErrorMessage(problem.getMessage())));
        }
        return config;
    }
}
