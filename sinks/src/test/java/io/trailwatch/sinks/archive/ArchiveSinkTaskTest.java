package io.trailwatch.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task as Connect drives it: bounded memory, dead letters, the offsets it lets Connect commit. */
class ArchiveSinkTaskTest {

    private static final String TOPIC = "trailwatch.audit";

    private final ArchiveTestbed testbed = new ArchiveTestbed();
    private final RecordingContext context = new RecordingContext();
    private final ArchiveSinkTask task = new ArchiveSinkTask();

    @AfterEach
    void stop() {
        task.stop();
        testbed.close();
    }

    /** Values are {@code account|region|eventID}; anything else cannot be archived. */
    private static final ArchiveFormat PIPE_FORMAT = new ArchiveFormat() {
        @Override
        public String service() {
            return "CloudTrail";
        }

        @Override
        public String recordsField() {
            return "Records";
        }

        @Override
        public ArchivedRecord decode(final String topic, final byte[] value) {
            final String[] parts = new String(value, StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                throw new UnarchivableRecordException("not account|region|eventID: " + parts[0]);
            }
            final ArchivedRecord sample = ArchiveTestbed.record(0, parts[0], parts[1], Instant.parse("2026-11-21T10:00:00Z"));
            return new ArchivedRecord(sample.account(), sample.region(), sample.eventTime(),
                ("{\"eventID\":\"" + parts[2] + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    };

    private void start(final Map<String, String> overrides) {
        final Map<String, String> props = new HashMap<>(Map.of(ArchiveSinkConfig.S3_BUCKET, "test-bucket",
            ArchiveSinkConfig.SCHEMA_REGISTRY_URL, "http://unused", ArchiveSinkConfig.DIGEST_ENABLED, "false",
            ArchiveSinkConfig.S3_PREFIX, "audit/", ArchiveSinkConfig.FLUSH_IDLE_MS, "3600000"));
        props.putAll(overrides);
        task.initialize(context);
        task.start(new ArchiveSinkConfig(props), testbed.store(), PIPE_FORMAT);
        task.open(List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 2)));
    }

    private static SinkRecord record(final int partition, final long offset, final String value) {
        return new SinkRecord(TOPIC, partition, null, null, null, value.getBytes(StandardCharsets.UTF_8), offset,
            1_000L, org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    private static List<SinkRecord> records(final int partition, final long from, final long to) {
        final List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            records.add(record(partition, offset, "111111111111|us-east-1|p" + partition + "-" + offset + "-"
                + "x".repeat(100)));
        }
        return records;
    }

    @Test
    void pastTheBufferBoundPutUploadsTheLargestBatchesBeforeItReturns() {
        start(Map.of(ArchiveSinkConfig.BUFFER_MAX_BYTES, "4096"));
        final List<SinkRecord> batch = new ArrayList<>(records(0, 0, 40));
        batch.addAll(records(1, 0, 10));

        task.put(batch);

        assertThat(testbed.archivedEventIds()).as("the largest partition was uploaded to stay under 4 KiB")
            .hasSizeGreaterThanOrEqualTo(40).allMatch(id -> id.startsWith("p0-"));
        final Map<TopicPartition, OffsetAndMetadata> offsets = task.preCommit(Map.of(
            new TopicPartition(TOPIC, 0), new OffsetAndMetadata(40), new TopicPartition(TOPIC, 1), new OffsetAndMetadata(10)));
        assertThat(offsets.get(new TopicPartition(TOPIC, 0)).offset()).isEqualTo(40);
        assertThat(offsets.get(new TopicPartition(TOPIC, 1)).offset()).as("still buffered: not committable").isZero();
    }

    @Test
    void aBufferedBatchAsksConnectToCallBackInTimeForTheIdleFlush() {
        start(Map.of(ArchiveSinkConfig.FLUSH_IDLE_MS, "2000"));
        task.put(records(2, 0, 3));

        assertThat(context.timeout).isBetween(1L, 2000L);
        assertThat(testbed.archivedEventIds()).isEmpty();
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterQueueWithItsReasonAndTheRestIsArchived() {
        start(Map.of(ArchiveSinkConfig.FLUSH_MAX_RECORDS, "2"));
        task.put(List.of(record(0, 0, "111111111111|us-east-1|a"), record(0, 1, "garbage"),
            record(0, 2, "111111111111|us-east-1|b")));

        assertThat(context.reported).singleElement().satisfies(reported ->
            assertThat(reported).contains("offset 1").contains("not account|region|eventID: garbage"));
        assertThat(testbed.archivedEventIds()).containsExactlyInAnyOrder("a", "b");
        assertThat(task.preCommit(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(3)))
            .get(new TopicPartition(TOPIC, 0)).offset()).isEqualTo(3);
    }

    @Test
    void withoutADeadLetterQueueAnUnreadableRecordStopsTheTaskNamingIt() {
        context.deadLetters = false;
        start(Map.of());

        assertThatThrownBy(() -> task.put(List.of(record(1, 7, "garbage")))).isInstanceOf(DataException.class)
            .hasMessageContaining("trailwatch.audit-1@7").hasMessageContaining("errors.tolerance=all");
    }

    @Test
    void recordsDeliveredAgainAfterARetryAreNotAddedTwice() {
        start(Map.of(ArchiveSinkConfig.FLUSH_MAX_RECORDS, "10"));
        task.put(records(0, 0, 6));
        task.put(records(0, 0, 10));

        assertThat(testbed.archivedEventIds()).hasSize(10).doesNotHaveDuplicates();
    }

    /** What Connect would do: remember the timeout asked for, collect dead letters. */
    private static final class RecordingContext implements SinkTaskContext {
        private long timeout = -1;
        private boolean deadLetters = true;
        private final List<String> reported = new ArrayList<>();

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(final Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(final TopicPartition partition, final long offset) {
        }

        @Override
        public void timeout(final long timeoutMs) {
            timeout = timeoutMs;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of();
        }

        @Override
        public void pause(final TopicPartition... partitions) {
        }

        @Override
        public void resume(final TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            if (!deadLetters) {
                return null;
            }
            return (SinkRecord record, Throwable error) -> {
                reported.add("offset " + record.kafkaOffset() + ": " + error.getMessage());
                final Future<Void> done = CompletableFuture.completedFuture(null);
                return done;
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
