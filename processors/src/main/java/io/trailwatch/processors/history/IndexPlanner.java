package io.trailwatch.processors.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Chooses which index a query walks: the one with the fewest entries in the query's range. Each candidate's range
 * is counted up to {@value #PROBE} entries (a short scan); the others are then checked per hit with point lookups.
 */
final class IndexPlanner {

    static final int PROBE = 256;

    /** One index range: an attribute value (or the time index) between the query's times. */
    record Range(LookupAttribute attribute, byte[] prefix, Bytes from, Bytes to) {

        static Range of(final LookupAttribute attribute, final byte[] prefix, final long oldest, final long newest,
                        final EventPosition after) {
            return new Range(attribute, prefix, IndexKeys.lowerBound(prefix, newest, after),
                IndexKeys.upperBound(prefix, oldest));
        }

        boolean isEmpty() {
            return IndexKeys.isEmptyRange(from, to);
        }
    }

    /**
     * @param driver the range to walk
     * @param checks the prefixes every hit must also have an entry under
     * @param empty  true when some range is empty, so nothing can match
     */
    record Plan(Range driver, List<byte[]> checks, boolean empty) {
    }

    private IndexPlanner() {
    }

    static Plan choose(final ReadOnlyKeyValueStore<Bytes, byte[]> index, final List<Range> ranges) {
        if (ranges.size() == 1) {
            final Range only = ranges.get(0);
            return new Plan(only, List.of(), only.isEmpty());
        }
        Range best = null;
        int bestCount = Integer.MAX_VALUE;
        for (final Range range : ranges.stream().sorted(Comparator.comparingInt(
            (Range range) -> range.attribute().typicalSelectivity())).toList()) {
            final int count = count(index, range);
            if (count == 0) {
                return new Plan(range, List.of(), true);
            }
            if (count < bestCount) {
                best = range;
                bestCount = count;
            }
        }
        final List<byte[]> checks = new ArrayList<>(ranges.size() - 1);
        for (final Range range : ranges) {
            if (range != best) {
                checks.add(range.prefix());
            }
        }
        return new Plan(best, checks, false);
    }

    private static int count(final ReadOnlyKeyValueStore<Bytes, byte[]> index, final Range range) {
        if (range.isEmpty()) {
            return 0;
        }
        int count = 0;
        try (KeyValueIterator<Bytes, byte[]> entries = index.range(range.from(), range.to())) {
            while (count < PROBE && entries.hasNext()) {
                entries.next();
                count++;
            }
        }
        return count;
    }
}
