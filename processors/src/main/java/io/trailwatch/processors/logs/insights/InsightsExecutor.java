package io.trailwatch.processors.logs.insights;

import io.trailwatch.processors.logs.store.LocalLogEvents;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs a query over one instance's part of the log store: each group's streams, each in time order within the
 * range (streams and keys outside it are not read), into a {@link QueryScan}. Checks {@code cancelled} every
 * {@value #CHECK_EVERY} events, so that StopQuery and the query timeout end a long scan promptly.
 */
public final class InsightsExecutor {

    private static final int CHECK_EVERY = 4_096;

    private InsightsExecutor() {
    }

    /**
     * One group and the times read of it.
     *
     * @param log     what {@code @log} shows for the group ({@code <account id>:<name>})
     * @param startMs included (the later of the query's start and what the group's retention keeps)
     * @param endMs   excluded
     */
    public record GroupRange(String logGroupName, String log, long startMs, long endMs) {
    }

    /**
     * @param cancelled true once the query is to stop: the scan ends and what it found so far is returned
     */
    public static PartialResult run(final InsightsQuery query, final List<GroupRange> groups, final int resultLimit,
                                    final LocalLogEvents local, final BooleanSupplier cancelled) {
        final QueryScan scan = query.scan(resultLimit);
        final long[] seen = {0};
        for (final GroupRange range : groups) {
            final String group = range.logGroupName();
            final String label = range.log();
            final boolean whole = local.scan(group, range.startMs(), range.endMs(), event -> {
                // checked before the first event and every CHECK_EVERY after it
                if (seen[0]++ % CHECK_EVERY == 0 && cancelled.getAsBoolean()) {
                    return false;
                }
                scan.accept(group, label, event);
                return true;
            });
            if (!whole) {
                break;
            }
        }
        return scan.result();
    }
}
