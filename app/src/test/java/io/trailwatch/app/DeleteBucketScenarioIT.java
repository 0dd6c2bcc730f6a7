package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.ingest.TrailwatchPublisher;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spine against the real broker and registry: a DeleteBucket call becomes an ALARM on trailwatch.alarms. */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class DeleteBucketScenarioIT {

    private static RunningTrailwatch trailwatch;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
    }

    private static TrailwatchPublisher publisher() {
        return TrailwatchPublisher.builder().bootstrapServers(trailwatch.infrastructure().bootstrapServers())
            .schemaRegistryUrl(trailwatch.infrastructure().registryUrl()).build();
    }

    @Test
    void aDeleteBucketCallRaisesTheAlarm() {
        final String bucket = UniqueNames.of("invoices");
        final String alarmName = trailwatch.defineBucketAlarm(bucket);

        try (TrailwatchPublisher publisher = publisher()) {
            publisher.publish(RunningTrailwatch.deleteBucket(bucket, Instant.now())).join();
        }

        final AlarmStateChange alarm = trailwatch.awaitAlarm(alarmName, Duration.ofSeconds(100));
        assertThat(alarm.getState().getValue()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(alarm.getState().getReason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [1.0 (")
            .endsWith("was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).");
        assertThat(alarm.getConfiguration().getMetricName()).isEqualTo(alarmName);
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicAndTheStreamKeepsRunning() {
        final String bucket = UniqueNames.of("after-garbage");
        trailwatch.defineBucketAlarm(bucket);
        final byte[] garbage = ("garbage " + bucket).getBytes(StandardCharsets.UTF_8);
        final byte[] unknownSchemaId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3};
        final byte[] wrongSchema = Topics.LOGS.valueSerde(trailwatch.infrastructure().serdeContext()).serializer()
            .serialize(Topics.LOGS.name(), new io.trailwatch.avro.LogEvent("/app", bucket, Instant.now(), "not audit"));

        trailwatch.infrastructure().produceRaw(Topics.AUDIT.name(), null, garbage);
        trailwatch.infrastructure().produceRaw(Topics.AUDIT.name(), null, unknownSchemaId);
        trailwatch.infrastructure().produceRaw(Topics.AUDIT.name(), null, wrongSchema);
        try (TrailwatchPublisher publisher = publisher()) {
            publisher.publish(RunningTrailwatch.deleteBucket(bucket, Instant.now())).join();
        }

        // Every application reading the audit trail dead-letters what it cannot read; other test classes run their
        // own applications over the same topics, so a record may be dead-lettered more than once: one per reader.
        // Other tests dead-letter records of their own on the shared topic: read until all three of ours are there.
        final java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> ours = record -> List.of(garbage,
            unknownSchemaId, wrongSchema).stream().anyMatch(sent -> java.util.Arrays.equals(sent, record.value()));
        final List<ConsumerRecord<byte[], byte[]>> deadLetters = trailwatch.infrastructure()
            .consumeUntil(Topics.DEADLETTER.name(), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                read -> read.stream().filter(ours).map(record -> java.util.Arrays.hashCode(record.value()))
                    .distinct().count() >= 3, Duration.ofSeconds(60)).stream()
            .filter(ours)
            .filter(distinctBy(record -> header(record, "__streams.errors.partition") + "/"
                + header(record, "__streams.errors.offset")))
            .toList();
        assertThat(deadLetters).hasSize(3).allSatisfy(record -> {
            assertThat(header(record, "__streams.errors.topic")).isEqualTo(Topics.AUDIT.name());
            assertThat(header(record, "__streams.errors.partition")).matches("\\d+");
            assertThat(header(record, "__streams.errors.offset")).matches("\\d+");
            assertThat(header(record, "__streams.errors.message")).isNotBlank();
        });
        assertThat(deadLetters).extracting(record -> header(record, "__streams.errors.message"))
            .anySatisfy(message -> assertThat(message).contains("magic byte"))
            .anySatisfy(message -> assertThat(message).contains("unknown schema id"))
            .anySatisfy(message -> assertThat(message).contains("cannot be read as io.trailwatch.avro.AuditEvent"));

        final List<ConsumerRecord<String, MetricDatum>> metrics = trailwatch.infrastructure().consumeUntil(Topics.METRICS,
            read -> read.stream().anyMatch(record -> record.value().getMetricName().equals("BucketDeleted-" + bucket)),
            Duration.ofSeconds(60));
        assertThat(metrics).isNotEmpty();
    }

    private static <T> java.util.function.Predicate<T> distinctBy(final java.util.function.Function<T, String> key) {
        final java.util.Set<String> seen = new java.util.HashSet<>();
        return item -> seen.add(key.apply(item));
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
