package io.trailwatch.processors.logs.store;

import java.util.Comparator;
import java.util.Optional;

/**
 * Where an event is in its stream: its time, then the Kafka record it came in, which orders events of the same
 * millisecond as they were written and makes every event's position unique.
 *
 * @param timestamp the event's time, epoch milliseconds
 * @param partition the partition of {@code trailwatch.logs} it was read from (compared unsigned, as in keys)
 * @param offset    its offset there (never negative)
 */
public record LogPosition(long timestamp, int partition, long offset) implements Comparable<LogPosition> {

    private static final Comparator<LogPosition> ORDER = Comparator.comparingLong(LogPosition::timestamp)
        .thenComparing(LogPosition::partition, Integer::compareUnsigned)
        .thenComparingLong(LogPosition::offset);
    private static final int DIGITS = 20 + 10 + 19;

    /** Before every position of that millisecond. */
    public static LogPosition first(final long timestamp) {
        return new LogPosition(timestamp, 0, 0);
    }

    /** After every position of that millisecond. */
    public static LogPosition last(final long timestamp) {
        return new LogPosition(timestamp, -1, Long.MAX_VALUE);
    }

    /** The position right after this one (no event can be between them). */
    public LogPosition next() {
        if (offset < Long.MAX_VALUE) {
            return new LogPosition(timestamp, partition, offset + 1);
        }
        return partition != -1 ? new LogPosition(timestamp, partition + 1, 0) : first(timestamp + 1);
    }

    /** The position right before this one. */
    public LogPosition previous() {
        if (offset > 0) {
            return new LogPosition(timestamp, partition, offset - 1);
        }
        return partition != 0 ? new LogPosition(timestamp, partition - 1, Long.MAX_VALUE) : last(timestamp - 1);
    }

    public static LogPosition max(final LogPosition a, final LogPosition b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static LogPosition min(final LogPosition a, final LogPosition b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** 49 digits that sort as positions do: what tokens and event ids are made of. */
    public String digits() {
        return pad(Long.toUnsignedString(timestamp ^ Long.MIN_VALUE), 20)
            + pad(Integer.toUnsignedString(partition), 10) + pad(Long.toString(offset), 19);
    }

    /** The position {@link #digits} wrote; empty when the text is not such digits. */
    public static Optional<LogPosition> ofDigits(final String text) {
        if (text.length() != DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogPosition(Long.parseUnsignedLong(text.substring(0, 20)) ^ Long.MIN_VALUE,
                Integer.parseUnsignedInt(text.substring(20, 30)), Long.parseLong(text.substring(30))));
        } catch (final NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String pad(final String digits, final int width) {
        return "0".repeat(width - digits.length()) + digits;
    }

    @Override
    public int compareTo(final LogPosition other) {
        return ORDER.compare(this, other);
    }
}
