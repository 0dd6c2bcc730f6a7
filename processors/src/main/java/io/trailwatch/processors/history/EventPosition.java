package io.trailwatch.processors.history;

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
        return compareAsUtf8(eventId, other.eventId);
    }

    /**
     * The order of the strings' UTF-8 bytes, without encoding them: UTF-8 sorts like code points, and code points
     * sort like UTF-16 units except that surrogates (above U+FFFF) come after U+E000..U+FFFF.
     */
    static int compareAsUtf8(final String a, final String b) {
        final int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            final char x = a.charAt(i);
            final char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) != Character.isSurrogate(y)) {
                    return Character.isSurrogate(x) ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    public boolean isAfter(final EventPosition other) {
        return compareTo(other) > 0;
    }
}
