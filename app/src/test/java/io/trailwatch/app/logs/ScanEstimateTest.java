package io.trailwatch.app.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.logs.insights.InsightsExecutor;
import io.trailwatch.processors.logs.store.LogStreamStats;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScanEstimateTest {

    private static SortedMap<String, LogStreamStats> streams(final LogStreamStats... stats) {
        final SortedMap<String, LogStreamStats> streams = new TreeMap<>();
        for (int i = 0; i < stats.length; i++) {
            streams.put("s-" + i, stats[i]);
        }
        return streams;
    }

    @Test
    void countsTheStreamsOfTheQueriedGroupsWhoseEventsOverlapTheRange() {
        final Map<String, SortedMap<String, LogStreamStats>> stored = Map.of(
            "a", streams(new LogStreamStats(100, 200, 0, 1_000, 10), // overlaps
                new LogStreamStats(0, 99, 0, 2_000, 10),              // ends before
                new LogStreamStats(300, 400, 0, 4_000, 10)),          // starts at the (excluded) end
            "b", streams(new LogStreamStats(150, 160, 0, 8_000, 1)),
            "c", streams(new LogStreamStats(150, 160, 0, 16_000, 1)));  // not queried
        final List<InsightsExecutor.GroupRange> ranges = List.of(
            new InsightsExecutor.GroupRange("a", "0:a", 100, 300),
            new InsightsExecutor.GroupRange("b", "0:b", 100, 300),
            new InsightsExecutor.GroupRange("none", "0:none", 100, 300));
        assertThat(ScanEstimate.bytes(ranges, stored)).isEqualTo(9_000);
    }
}
