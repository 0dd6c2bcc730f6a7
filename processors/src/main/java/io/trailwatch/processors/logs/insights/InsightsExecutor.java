package io.trailwatch.processors.logs.insights;

import io.trailwatch.processors.logs.store.LocalLogEvents;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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
     * @param log       what {@code @log} shows for a group ({@code <account id>:<name>})
     * @param startMs   included
     * @param endMs     excluded
     * @param cancelled true once the query is to stop: the scan ends and what it found so far is returned
     */
    public static PartialResult run(final InsightsQuery query, final List<String> groups,
                                    final Function<String, String> log, final long startMs, final long endMs,
                                    final int resultLimit, final LocalLogEvents local, final BooleanSupplier cancelled) {
        final QueryScan scan = query.scan(resultLimit);
        final long[] seen = {0};
        for (final String group : groups) {
            final String label = log.apply(group);
            final boolean whole = local.scan(group, startMs, endMs, event -> {
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
