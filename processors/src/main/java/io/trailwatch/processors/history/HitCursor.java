package io.trailwatch.processors.history;

import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * One partition's hits in history order, read from its index range one at a time, so a merge over the partitions
 * reads about one page of entries in all instead of a page from each. The cursor stops at {@code scanLimit}
 * examined entries when entries remain: then {@link #stoppedAt()} says where, and nothing after that position is
 * known.
 */
final class HitCursor implements AutoCloseable {

    private final Iterator<Candidate> candidates;
    private final Runnable closer;
    private final Test matches;
    private final int scanLimit;
    private int examined;
    private EventPosition lastExamined;
    private EventPosition head;
    private EventPosition stoppedAt;

    /** Whether an entry is a hit, from its position and the entry's value. */
    @FunctionalInterface
    interface Test {
        boolean matches(EventPosition position, byte[] value);
    }

    /** The entries of an index range whose keys have a prefix of {@code prefixLength} bytes. */
    HitCursor(final KeyValueIterator<Bytes, byte[]> entries, final int prefixLength, final Test matches,
              final int scanLimit) {
        this(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Candidate next() {
                final KeyValue<Bytes, byte[]> entry = entries.next();
                return new Candidate(IndexKeys.position(entry.key.get(), prefixLength), entry.value);
            }
        }, entries::close, matches, scanLimit);
    }

    private HitCursor(final Iterator<Candidate> candidates, final Runnable closer, final Test matches,
                      final int scanLimit) {
        this.candidates = candidates;
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
        return new HitCursor(hits.stream().map(hit -> new Candidate(hit, null)).iterator(), () -> { },
            (hit, value) -> true, Integer.MAX_VALUE);
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
        while (head == null && stoppedAt == null && candidates.hasNext()) {
            if (examined >= scanLimit) {
                stoppedAt = lastExamined;
                return;
            }
            final Candidate candidate = candidates.next();
            examined++;
            lastExamined = candidate.position();
            if (matches.matches(candidate.position(), candidate.value())) {
                head = candidate.position();
            }
        }
    }

    @Override
    public void close() {
        closer.run();
    }

    private record Candidate(EventPosition position, byte[] value) {
    }
}
