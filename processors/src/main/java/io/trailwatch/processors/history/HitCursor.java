package io.trailwatch.processors.history;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * One partition's hits in history order, read from its index range one at a time, so a merge over the partitions
 * reads about one page of entries in all instead of a page from each. The cursor stops at {@code scanLimit}
 * examined entries when entries remain: then {@link #stoppedAt()} says where, and nothing after that position is
 * known.
 */
final class HitCursor implements AutoCloseable {

    private final Iterator<EventPosition> positions;
    private final Runnable closer;
    private final Predicate<EventPosition> matches;
    private final int scanLimit;
    private int examined;
    private EventPosition lastExamined;
    private EventPosition head;
    private EventPosition stoppedAt;

    HitCursor(final KeyValueIterator<Bytes, byte[]> entries, final Function<byte[], EventPosition> position,
              final Predicate<EventPosition> matches, final int scanLimit) {
        this(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public EventPosition next() {
                return position.apply(entries.next().key.get());
            }
        }, entries::close, matches, scanLimit);
    }

    private HitCursor(final Iterator<EventPosition> positions, final Runnable closer,
                      final Predicate<EventPosition> matches, final int scanLimit) {
        this.positions = positions;
        this.closer = closer;
        this.matches = matches;
        this.scanLimit = scanLimit;
        try {
            advance();
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A cursor over hits already known, in history order. */
    static HitCursor of(final List<EventPosition> hits) {
        return new HitCursor(hits.iterator(), () -> { }, hit -> true, Integer.MAX_VALUE);
    }

    /** The next hit, or null when there is none (the range is done, or the scan stopped). */
    EventPosition head() {
        return head;
    }

    /** Where the scan stopped at its limit with entries left; null while it has not. */
    EventPosition stoppedAt() {
        return stoppedAt;
    }

    /** Moves past the current hit to the next one. */
    void advance() {
        head = null;
        while (head == null && stoppedAt == null && positions.hasNext()) {
            if (examined >= scanLimit) {
                stoppedAt = lastExamined;
                return;
            }
            final EventPosition position = positions.next();
            examined++;
            lastExamined = position;
            if (matches.test(position)) {
                head = position;
            }
        }
    }

    @Override
    public void close() {
        closer.run();
    }
}
