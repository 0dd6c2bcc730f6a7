package io.trailwatch.processors.history;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The value of an event's time entry: the event's values of the attributes indexed in place
 * ({@link LookupAttribute.Indexing#TIME_ENTRY}), each written as its index prefix ({@code [attribute id][value
 * length][value]}, see {@link IndexKeys#prefix}), one after another. A filter on such an attribute is the prefix it
 * would have scanned, and holds when the value holds that prefix as one of its items.
 */
final class TimeEntryValues {

    private TimeEntryValues() {
    }

    static byte[] of(final EventAttributes attributes) {
        final ByteArrayOutputStream value = new ByteArrayOutputStream(64);
        attributes.forEach((attribute, text) -> {
            if (attribute.indexing() == LookupAttribute.Indexing.TIME_ENTRY) {
                value.writeBytes(IndexKeys.prefix(attribute, text));
            }
        });
        return value.toByteArray();
    }

    /** Whether the time entry's value (null when the entry is gone) holds every one of {@code items}. */
    static boolean holdsAll(final byte[] value, final List<byte[]> items) {
        if (value == null) {
            return false;
        }
        for (final byte[] item : items) {
            if (!holds(value, item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(final byte[] value, final byte[] item) {
        int at = 0;
        while (at < value.length) {
            final int end = IndexKeys.prefixEnd(value, at);
            if (end - at == item.length && Arrays.equals(value, at, end, item, 0, item.length)) {
                return true;
            }
            at = end;
        }
        return false;
    }
}
