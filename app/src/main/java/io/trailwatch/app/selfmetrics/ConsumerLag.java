package io.trailwatch.app.selfmetrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind the cluster's consumer groups are, read from the broker every {@link #INTERVAL}: records not yet
 * consumed per group and partition ({@value #LAG}: the stream processors, the archive and notifier connectors in the
 * Connect worker, any other group), and the archive's lag as the age of the oldest record it has not archived
 * ({@value #ARCHIVE_LAG}, seconds; 0 when it has archived everything). Committed offsets and the last stable offset
 * (read_committed) are the broker's, so this sees the Connect worker's consumers without reaching into its JVM.
 */
final class ConsumerLag implements AutoCloseable {

    static final String LAG = "trailwatch.consumer.lag";
    static final String ARCHIVE_LAG = "trailwatch.archive.lag";
    static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Connect names a sink connector's consumer group after the connector. */
    private static final String CONNECT_GROUP_PREFIX = "connect-";
    private static final List<String> ARCHIVE_CONNECTORS = List.of(ArchiveConnectors.AUDIT_CONNECTOR,
        ArchiveConnectors.ALARMS_CONNECTOR);
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peeker;
    private final Clock clock;
    private final MultiGauge lag;
    private final MultiGauge archiveLag;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
        SelfMetrics.daemon("trailwatch-consumer-lag"));

    ConsumerLag(final MeterRegistry registry, final Admin admin, final KafkaAccess kafka, final Clock clock) {
        this.admin = admin;
        this.clock = clock;
        this.peeker = new KafkaConsumer<>(kafka.clientConfig(Map.of(
            ConsumerConfig.CLIENT_ID_CONFIG, "trailwatch-archive-lag",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.lag = MultiGauge.builder(LAG).description("Records not yet consumed, by consumer group and partition")
            .baseUnit("records").register(registry);
        this.archiveLag = MultiGauge.builder(ARCHIVE_LAG).description("Age of the oldest record the archive has "
            + "not uploaded yet (0 when it is up to date)").baseUnit("seconds").register(registry);
        schedule.scheduleWithFixedDelay(this::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            final Map<String, Map<TopicPartition, Long>> lags = lags();
            final List<MultiGauge.Row<?>> rows = new ArrayList<>();
            lags.forEach((group, partitions) -> partitions.forEach((partition, behind) -> rows.add(MultiGauge.Row.of(
                Tags.of("group", group, "topic", partition.topic(), "partition",
                    Integer.toString(partition.partition())), behind))));
            lag.register(rows, true);
            final List<MultiGauge.Row<?>> archive = new ArrayList<>();
            for (final String connector : ARCHIVE_CONNECTORS) {
                final Map<TopicPartition, Long> partitions = lags.get(CONNECT_GROUP_PREFIX + connector);
                if (partitions != null) {
                    archive.add(MultiGauge.Row.of(Tags.of("connector", connector), oldestUnconsumedAge(
                        CONNECT_GROUP_PREFIX + connector, partitions)));
                }
            }
            archiveLag.register(archive, true);
        } catch (final ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Consumer lag not refreshed this time: {}", e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every consumer group's lag per partition it has committed offsets for. */
    private Map<String, Map<TopicPartition, Long>> lags()
        throws ExecutionException, InterruptedException, TimeoutException {
        final Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
        for (final GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            groups.put(group.groupId(), new ListConsumerGroupOffsetsSpec());
        }
        if (groups.isEmpty()) {
            return Map.of();
        }
        final Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(groups)
            .all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(partition -> ends.put(partition,
            OffsetSpec.latest())));
        final Map<TopicPartition, Long> endOffsets = new HashMap<>();
        admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .forEach((partition, info) -> endOffsets.put(partition, info.offset()));
        final Map<String, Map<TopicPartition, Long>> lags = new HashMap<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            final Long end = endOffsets.get(partition);
            if (offset != null && end != null) {
                lags.computeIfAbsent(group, any -> new HashMap<>()).put(partition,
                    Math.max(0, end - offset.offset()));
            }
        }));
        return lags;
    }

    /**
     * The age in seconds of the oldest record the group has not consumed: the first committed record at its
     * committed offset on each partition that lags (aborted records and transaction markers are skipped by
     * read_committed, so it is the first record the group will get).
     */
    private double oldestUnconsumedAge(final String group, final Map<TopicPartition, Long> partitions)
        throws ExecutionException, InterruptedException, TimeoutException {
        final List<TopicPartition> lagging = partitions.entrySet().stream().filter(entry -> entry.getValue() > 0)
            .map(Map.Entry::getKey).toList();
        if (lagging.isEmpty()) {
            return 0;
        }
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        peeker.assign(lagging);
        lagging.forEach(partition -> peeker.seek(partition, committed.get(partition).offset()));
        final Map<TopicPartition, Long> firstTimestamps = new HashMap<>();
        final long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (firstTimestamps.size() < lagging.size() && System.nanoTime() < deadline) {
            peeker.poll(Duration.ofMillis(500)).forEach(record -> firstTimestamps.putIfAbsent(
                new TopicPartition(record.topic(), record.partition()), record.timestamp()));
            firstTimestamps.keySet().forEach(partition -> peeker.pause(List.of(partition)));
        }
        peeker.unsubscribe();
        final long oldest = firstTimestamps.values().stream().mapToLong(Long::longValue).min()
            .orElse(clock.millis());
        return Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peeker.close(Duration.ofSeconds(5));
    }
}
