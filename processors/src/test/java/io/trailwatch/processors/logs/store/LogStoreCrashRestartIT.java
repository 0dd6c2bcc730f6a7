package io.trailwatch.processors.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.processors.testing.ProcessorsProcess;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The log store killed (SIGKILL: no close, no commit) while it stores a stream of events, and started again on the
 * same state directory: every event is stored once and counted once in its stream's statistics. Exactly-once
 * processing wipes a task's state after a crash and restores what was committed, so the events read again after the
 * last commit find none of their own writes from before the crash; this is what lets the store write each event
 * without first reading whether it is there.
 */
class LogStoreCrashRestartIT {

    private static final List<String> STREAMS = List.of("web-1", "web-2", "worker-1");
    private static final int BATCHES = 40;
    private static final int BATCH = 1_000;

    @Test
    void aKilledLogStoreRestartsWithEveryEventStoredAndCountedOnce() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        TopicSetup.ensure(infrastructure.adminClient(), Topics.all());
        final String group = "/crash/" + UniqueNames.of("app");
        final String applicationId = UniqueNames.applicationId("log-store-crash");
        final Path stateDir = Files.createTempDirectory("log-store-crash-state");
        final Map<String, String> settings = Map.of(ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.STATE_DIR, stateDir.toString());
        final Map<TopicPartition, Long> startOffsets = endOffsets(infrastructure);
        final Map<String, List<String>> published = new HashMap<>();
        final Instant first = Instant.now().minus(Duration.ofHours(1));

        try (ProcessorsProcess crashing = ProcessorsProcess.start(infrastructure, settings)) {
            publish(infrastructure, group, first, 0, BATCHES / 2, published);
            // Killed once it has committed part of the second half, which goes on arriving meanwhile.
            final CompletableFuture<Void> rest = CompletableFuture.runAsync(() ->
                publish(infrastructure, group, first, BATCHES / 2, BATCHES, published));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> committedSince(infrastructure, applicationId, startOffsets) > (long) BATCHES / 2 * BATCH);
            crashing.kill();
            final long committedAtKill = committedSince(infrastructure, applicationId, startOffsets);
            assertThat(committedAtKill).as("killed with events still to store").isLessThan((long) BATCHES * BATCH);
            rest.get();
        }

        try (ProcessorsRuntime restarted = TrailwatchTopology.runtime(new ProcessorsConfig(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, infrastructure.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, infrastructure.registryUrl(),
            ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.STATE_DIR, stateDir.toString()))).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .ignoreException(InvalidStateStoreException.class)
                .until(() -> committedSince(infrastructure, applicationId, startOffsets) >= (long) BATCHES * BATCH
                    && storedEvents(restarted, group) >= BATCHES * BATCH);

            final LocalLogEvents store = LocalLogEvents.of(restarted.streams());
            final SortedMap<String, LogStreamStats> stats = store.streams(group);
            assertThat(stats.keySet()).containsExactlyElementsOf(STREAMS);
            for (final String stream : STREAMS) {
                final List<String> messages = published.get(stream);
                assertThat(store.read(group, stream, LogPosition.first(Long.MIN_VALUE),
                    LogPosition.last(Long.MAX_VALUE), false, Integer.MAX_VALUE, Long.MAX_VALUE))
                    .as(stream + ": each event stored once, in order")
                    .extracting(StoredLogEvent::message).containsExactlyElementsOf(messages);
                assertThat(stats.get(stream).eventCount()).as(stream + " counted once each")
                    .isEqualTo(messages.size());
                assertThat(stats.get(stream).storedBytes()).as(stream + " sized once each").isEqualTo(messages
                    .stream().mapToLong(message -> message.getBytes(StandardCharsets.UTF_8).length + 26).sum());
            }
        }
    }

    /** Publishes batches {@code from} (included) to {@code to}, each event to the next stream, a millisecond apart. */
    private static void publish(final TestInfrastructure infrastructure, final String group, final Instant first,
                                final int from, final int to, final Map<String, List<String>> published) {
        for (int batch = from; batch < to; batch++) {
            final List<Map.Entry<String, LogEvent>> records = new ArrayList<>();
            for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
                final String stream = STREAMS.get(i % STREAMS.size());
                final String message = "GET /orders/" + i + " 200 " + "x".repeat(i % 50);
                records.add(Map.entry(LogStream.key(group, stream),
                    new LogEvent(group, stream, first.plusMillis(i), message)));
                synchronized (published) {
                    published.computeIfAbsent(stream, name -> new ArrayList<>()).add(message);
                }
            }
            infrastructure.produceAll(Topics.LOGS, records);
        }
    }

    private static int storedEvents(final ProcessorsRuntime runtime, final String group) {
        return (int) LocalLogEvents.of(runtime.streams()).streams(group).values().stream()
            .mapToLong(LogStreamStats::eventCount).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(final TestInfrastructure infrastructure) throws Exception {
        final int partitions = infrastructure.partitionCount(Topics.LOGS.name());
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            latest.put(new TopicPartition(Topics.LOGS.name(), partition), OffsetSpec.latest());
        }
        return infrastructure.adminClient().listOffsets(latest).all().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** How many records of {@code trailwatch.logs}, after {@code start}, the application has committed. */
    private static long committedSince(final TestInfrastructure infrastructure, final String applicationId,
                                       final Map<TopicPartition, Long> start) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed = infrastructure.adminClient()
            .listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        long since = 0;
        for (final Map.Entry<TopicPartition, Long> partition : start.entrySet()) {
            final OffsetAndMetadata offset = committed.get(partition.getKey());
            if (offset != null) {
                since += Math.max(0, offset.offset() - partition.getValue());
            }
        }
        return since;
    }
}
