package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.logs.insights.GeneratedLogs.Generated;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogStorageSettings;
import io.trailwatch.processors.logs.store.LogStorageTopology;
import io.trailwatch.processors.logs.store.LogStores;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queries over the log store itself: only the groups and the time range asked for are read. */
class InsightsExecutorTest {

    private static final String GROUP = "/app/orders";
    private static final String OTHER = "/app/other";
    private final TopologyHarness harness = new TopologyHarness();
    private final List<Generated> events = GeneratedLogs.events(7, 2_000);

    @BeforeEach
    void start() {
        harness.start(LogStorageTopology.build(harness.serdes(),
            new LogStorageSettings(Duration.ofDays(36_500), 100_000), "123456789012"));
        final TestInputTopic<String, LogEvent> logs = harness.input(Topics.LOGS);
        for (final Generated generated : events) {
            final String group = generated.event().position().offset() % 5 == 0 ? OTHER : GROUP;
            final String stream = generated.event().logStreamName();
            logs.pipeInput(group + "/" + stream, new LogEvent(group, stream,
                Instant.ofEpochMilli(generated.event().timestamp()), generated.event().message()),
                Instant.ofEpochMilli(generated.event().timestamp() + 10));
        }
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private LocalLogEvents local() {
        return new LocalLogEvents(harness.driver().getKeyValueStore(LogStores.EVENTS),
            harness.driver().getKeyValueStore(LogStores.STREAMS));
    }

    @Test
    void scansOnlyTheGroupAndTimeRangeAskedFor() {
        final long from = GeneratedLogs.START + 3_600_000L;
        final long to = from + 3_600_000L;
        final InsightsQuery query = InsightsQuery.parse("filter level = 'ERROR' or @message like ' ERROR ' "
            + "| stats count(*) as n by bin(10m)");
        final PartialResult part = InsightsExecutor.run(query,
            List.of(new InsightsExecutor.GroupRange(GROUP, "0:" + GROUP, from, to)), 10_000, local(), () -> false);
        final QueryResults results = query.merge(List.of(part), 10_000);

        final List<Generated> inRange = events.stream().filter(g -> g.event().position().offset() % 5 != 0)
            .filter(g -> g.event().timestamp() >= from && g.event().timestamp() < to).toList();
        final Map<String, Long> expected = inRange.stream().filter(g -> g.level().equals("ERROR"))
            .collect(Collectors.groupingBy(g -> new Timestamp(g.event().timestamp() / 600_000L * 600_000L)
                .toString(), TreeMap::new, Collectors.counting()));
        final Map<String, Long> actual = new TreeMap<>();
        results.rows().forEach(row -> actual.put(row.get(0).value(), Long.parseLong(row.get(1).value())));
        assertThat(actual).isEqualTo(expected);
        assertThat(results.statistics().recordsScanned()).isEqualTo(inRange.size());
        assertThat(results.statistics().bytesScanned()).isEqualTo(inRange.stream()
            .mapToLong(g -> g.event().size()).sum());
        assertThat(results.statistics().recordsMatched()).isEqualTo(expected.values().stream()
            .mapToLong(Long::longValue).sum());
    }

    @Test
    void rawResultsAcrossGroupsShowEachEventsGroupAndIngestionTime() {
        final InsightsQuery query = InsightsQuery.parse("fields @timestamp, @ingestionTime, @log, @logStream "
            + "| sort @timestamp asc | limit 3");
        final QueryResults results = query.merge(List.of(InsightsExecutor.run(query, List.of(
            new InsightsExecutor.GroupRange(GROUP, "000000000000:" + GROUP, 0, Long.MAX_VALUE / 2),
            new InsightsExecutor.GroupRange(OTHER, "000000000000:" + OTHER, 0, Long.MAX_VALUE / 2)), 10_000, local(),
            () -> false)), 10_000);
        final List<Generated> first = events.stream()
            .sorted(java.util.Comparator.comparingLong(g -> g.event().timestamp())).limit(3).toList();
        assertThat(results.rows()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            final long time = first.get(i).event().timestamp();
            assertThat(results.rows().get(i)).extracting(QueryResults.ResultField::value).startsWith(
                new Timestamp(time).toString(), new Timestamp(time + 10).toString(),
                "000000000000:" + (first.get(i).event().position().offset() % 5 == 0 ? OTHER : GROUP));
        }
        assertThat(results.statistics().recordsScanned()).isEqualTo(events.size());
    }

    @Test
    void aCancelledScanStopsEarly() {
        final InsightsQuery query = InsightsQuery.parse("stats count(*)");
        final PartialResult part = InsightsExecutor.run(query,
            List.of(new InsightsExecutor.GroupRange(GROUP, GROUP, 0, Long.MAX_VALUE / 2)), 10_000, local(), () -> true);
        assertThat(part.statistics().recordsScanned()).isZero();
    }
}
