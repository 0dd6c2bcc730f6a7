package io.trailwatch.processors.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the index store. An entry is {@code [attribute id][value length][value][time][eventID]}, with the time
 * encoded so that newer sorts first; the time index is {@code [TIME][time][eventID]}. A range scan over one
 * attribute value between two times therefore returns matching events newest first, in the same order as
 * {@link EventPosition}. The value is length-prefixed so no value is a prefix of another's entries.
 */
final class IndexKeys {

    /** The index store's own bookkeeping (its generation); sorts before every entry. */
    static final byte META = 0x00;
    /** Every event, by time alone: queries without filters, and expiry. */
    static final byte TIME = 0x01;

    private static final int TIME_BYTES = Long.BYTES;

    private IndexKeys() {
    }

    static Bytes meta() {
        return Bytes.wrap(new byte[] {META});
    }

    /** The prefix shared by the entries of one attribute value. */
    static byte[] prefix(final LookupAttribute attribute, final String value) {
        final byte[] text = value.getBytes(StandardCharsets.UTF_8);
        int lengthBytes = 1;
        for (int rest = text.length >>> 7; rest != 0; rest >>>= 7) {
            lengthBytes++;
        }
        final byte[] prefix = new byte[1 + lengthBytes + text.length];
        prefix[0] = attribute.indexId();
        int at = 1;
        int length = text.length;
        while ((length & ~0x7F) != 0) {
            prefix[at++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        prefix[at++] = (byte) length;
        System.arraycopy(text, 0, prefix, at, text.length);
        return prefix;
    }

    /** Where the prefix ({@link #prefix}) that starts at {@code start} of {@code bytes} ends. */
    static int prefixEnd(final byte[] bytes, final int start) {
        int at = start + 1;
        int length = 0;
        int shift = 0;
        byte next;
        do {
            next = bytes[at++];
            length |= (next & 0x7F) << shift;
            shift += 7;
        } while ((next & 0x80) != 0);
        return at + length;
    }

    static byte[] timePrefix() {
        return new byte[] {TIME};
    }

    static Bytes entry(final byte[] prefix, final long timeMillis, final String eventId) {
        return entry(prefix, timeMillis, eventId.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry, from the eventID's UTF-8 bytes: an event's entries all end with them. */
    static Bytes entry(final byte[] prefix, final long timeMillis, final byte[] eventId) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + TIME_BYTES + eventId.length)
            .put(prefix).putLong(sortable(timeMillis)).put(eventId).array());
    }

    /** The position of an entry whose prefix is {@code prefixLength} bytes long. */
    static EventPosition position(final byte[] key, final int prefixLength) {
        final long time = unsortable(ByteBuffer.wrap(key, prefixLength, TIME_BYTES).getLong());
        final int idStart = prefixLength + TIME_BYTES;
        return new EventPosition(time, new String(key, idStart, key.length - idStart, StandardCharsets.UTF_8));
    }

    /**
     * The first key to scan: the newest entry at or before {@code newestMillis}, and strictly after {@code after}
     * when a page resumes (null on the first page).
     */
    static Bytes lowerBound(final byte[] prefix, final long newestMillis, final EventPosition after) {
        final byte[] byTime = ByteBuffer.allocate(prefix.length + TIME_BYTES).put(prefix).putLong(sortable(newestMillis))
            .array();
        if (after == null) {
            return Bytes.wrap(byTime);
        }
        final byte[] afterKey = entry(prefix, after.timeMillis(), after.eventId()).get();
        // The key right after afterKey: the same bytes followed by the smallest byte.
        final byte[] successor = Arrays.copyOf(afterKey, afterKey.length + 1);
        return Bytes.wrap(Arrays.compareUnsigned(successor, byTime) > 0 ? successor : byTime);
    }

    /**
     * The last key to scan, for events at or after {@code oldestMillis}: the bare prefix and time of the millisecond
     * before, which no entry equals (every entry ends with a non-empty eventID) and every older one follows.
     */
    static Bytes upperBound(final byte[] prefix, final long oldestMillis) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + TIME_BYTES).put(prefix)
            .putLong(sortable(oldestMillis - 1)).array());
    }

    static boolean isEmptyRange(final Bytes from, final Bytes to) {
        return from.compareTo(to) > 0;
    }

    /** Maps times so that unsigned byte order is newest first, for every long (negative times included). */
    private static long sortable(final long timeMillis) {
        return ~(timeMillis ^ Long.MIN_VALUE);
    }

    private static long unsortable(final long sortable) {
        return ~sortable ^ Long.MIN_VALUE;
    }
}
