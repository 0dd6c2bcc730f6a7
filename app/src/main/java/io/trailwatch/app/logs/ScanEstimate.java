package io.trailwatch.app.logs;

import io.trailwatch.processors.logs.insights.InsightsExecutor;
import io.trailwatch.processors.logs.store.LogStreamStats;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * How many bytes a Logs Insights query would scan, estimated before it runs from what the store says of each
 * stream: the stored bytes of every stream of the groups whose events overlap the query's range (a stream partly in
 * the range counts whole, so the estimate errs on the large side).
 */
final class ScanEstimate {

    private ScanEstimate() {
    }

    static long bytes(final List<InsightsExecutor.GroupRange> ranges,
                      final Map<String, SortedMap<String, LogStreamStats>> stored) {
        long estimate = 0;
        for (final InsightsExecutor.GroupRange range : ranges) {
            for (final LogStreamStats stream : stored.getOrDefault(range.logGroupName(),
                Collections.emptySortedMap()).values()) {
                if (stream.lastEventTimestamp() >= range.startMs() && stream.firstEventTimestamp() < range.endMs()) {
                    estimate += stream.storedBytes();
                }
            }
        }
        return estimate;
    }
}
