package io.trailwatch.processors.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event's place in the history: newest first, then by eventID. Every partition orders its index this way, so
 * a position means the same thing everywhere and a page can resume after one whatever the partitioning.
 *
 * @param timeMillis the event's eventTime
 * @param eventId    the event's eventID
 */
public record EventPosition(long timeMillis, String eventId) implements Comparable<EventPosition>, Positioned {

    public EventPosition {
        Objects.requireNonNull(eventId, "eventId");
    }

    @Override
    public EventPosition position() {
        return this;
    }

    /** Earlier in the order = newer; equal times by the eventID's UTF-8 bytes, as the index keys sort. */
    @Override
    public int compareTo(final EventPosition other) {
        final int byTime = Long.compare(other.timeMillis, timeMillis);
        if (byTime != 0) {
            return byTime;
        }
        return Arrays.compareUnsigned(eventId.getBytes(StandardCharsets.UTF_8),
            other.eventId.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isAfter(final EventPosition other) {
        return compareTo(other) > 0;
    }
}
