package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One page over several partitions: the partitions' hits are merged in history order as they are read, so about
 * one page of index entries is read in all, and only the events that make the page are loaded and decoded.
 *
 * <p>The page is what {@link PartialPage#merge} makes of the partitions' own pages: a partition whose scan stopped
 * at its limit ends the page there (nothing after that position is known), equal positions (the same event in two
 * partitions) count once, and one hit beyond the page proves there are more.
 */
final class MergedSearch {

    /**
     * Next hits first; at the same position a hit before a stop, as a page holds the hits up to its bound, and an
     * event found in two partitions is loaded from the lower one.
     */
    private static final Comparator<Head> ORDER = Comparator.comparing(Head::position)
        .thenComparing(Head::isStop).thenComparingInt(Head::partition);

    private MergedSearch() {
    }

    static PartialPage<StoredEvent> page(final Map<Integer, PartitionSearch> partitions, final EventQuery query,
                                         final long oldest, final long newest) {
        final List<HitCursor> cursors = new ArrayList<>(partitions.size());
        final PartialPage<PartitionHit> merged;
        try {
            final PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, partitions.size()), ORDER);
            partitions.forEach((partition, search) -> {
                final HitCursor cursor = search.cursor(query, oldest, newest);
                cursors.add(cursor);
                offer(heads, cursor, partition);
            });
            merged = merge(heads, query.maxResults());
        } finally {
            closeAll(cursors);
        }
        final List<StoredEvent> events = new ArrayList<>(merged.hits().size());
        for (final PartitionHit hit : merged.hits()) {
            final AuditEvent event = partitions.get(hit.partition()).load(hit.position().eventId());
            if (event != null) {
                events.add(new StoredEvent(hit.position(), event));
            }
        }
        return new PartialPage<>(events, merged.bound());
    }

    /** Closes every cursor, each even when an earlier one fails to close; the first failure is thrown. */
    private static void closeAll(final List<HitCursor> cursors) {
        RuntimeException failure = null;
        for (final HitCursor cursor : cursors) {
            try {
                cursor.close();
            } catch (final RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static PartialPage<PartitionHit> merge(final PriorityQueue<Head> heads, final int limit) {
        final List<PartitionHit> hits = new ArrayList<>(Math.min(limit, 1024));
        while (!heads.isEmpty()) {
            final Head next = heads.poll();
            if (next.isStop()) {
                return new PartialPage<>(hits, next.position());
            }
            final boolean repeat = !hits.isEmpty() && hits.get(hits.size() - 1).position().equals(next.position());
            if (!repeat) {
                if (hits.size() == limit) {
                    return new PartialPage<>(hits, hits.get(limit - 1).position());
                }
                hits.add(new PartitionHit(next.position(), next.partition()));
            }
            next.cursor().advance();
            offer(heads, next.cursor(), next.partition());
        }
        return PartialPage.complete(hits);
    }

    private static void offer(final PriorityQueue<Head> heads, final HitCursor cursor, final int partition) {
        if (cursor.head() != null) {
            heads.add(new Head(cursor.head(), false, cursor, partition));
        } else if (cursor.stoppedAt() != null) {
            heads.add(new Head(cursor.stoppedAt(), true, cursor, partition));
        }
    }

    /** A partition's next hit, or where its scan stopped. */
    private record Head(EventPosition position, boolean isStop, HitCursor cursor, int partition) {
    }

    /** A position and the partition it was found in, so the event is loaded from there. */
    private record PartitionHit(EventPosition position, int partition) implements Positioned {
    }
}
