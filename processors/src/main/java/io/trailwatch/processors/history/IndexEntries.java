package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

/** The index keys of one event: its time entry and one entry per indexed attribute value. */
final class IndexEntries {

    /** Entries carry everything in their keys; a present, empty value marks them (a null value would delete). */
    static final byte[] PRESENT = new byte[0];

    private IndexEntries() {
    }

    static List<Bytes> keys(final AuditEvent event) {
        final long time = event.getEventTime().toEpochMilli();
        final byte[] eventId = event.getEventID().getBytes(StandardCharsets.UTF_8);
        final List<Bytes> keys = new ArrayList<>(14);
        keys.add(IndexKeys.entry(IndexKeys.timePrefix(), time, eventId));
        EventAttributes.of(event).forEach((attribute, value) -> {
            if (attribute.indexed()) {
                keys.add(IndexKeys.entry(IndexKeys.prefix(attribute, value), time, eventId));
            }
        });
        return keys;
    }

    /** The event's entries as store writes: each key with {@code value}, {@link #PRESENT} to index, null to remove. */
    static List<KeyValue<Bytes, byte[]>> entries(final AuditEvent event, final byte[] value) {
        final List<Bytes> keys = keys(event);
        final List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(keys.size());
        for (final Bytes key : keys) {
            entries.add(KeyValue.pair(key, value));
        }
        return entries;
    }
}
