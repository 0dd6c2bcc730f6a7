package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

/**
 * The index entries of one event: its time entry, whose value carries the values of the attributes checked in place
 * (see {@link TimeEntryValues}), and one entry per value of each attribute with entries of its own.
 */
final class IndexEntries {

    /** Entries carry everything in their keys; a present, empty value marks them (a null value would delete). */
    static final byte[] PRESENT = new byte[0];

    private IndexEntries() {
    }

    /** The event's entries as store writes that index it. */
    static List<KeyValue<Bytes, byte[]>> entries(final AuditEvent event) {
        final EventAttributes attributes = EventAttributes.of(event);
        final List<Bytes> keys = keys(event, attributes);
        final List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(keys.size());
        entries.add(KeyValue.pair(keys.get(0), TimeEntryValues.of(attributes)));
        for (final Bytes key : keys.subList(1, keys.size())) {
            entries.add(KeyValue.pair(key, PRESENT));
        }
        return entries;
    }

    /** The event's entries as store writes that remove them. */
    static List<KeyValue<Bytes, byte[]>> removals(final AuditEvent event) {
        final List<Bytes> keys = keys(event, EventAttributes.of(event));
        final List<KeyValue<Bytes, byte[]>> removals = new ArrayList<>(keys.size());
        for (final Bytes key : keys) {
            removals.add(KeyValue.pair(key, null));
        }
        return removals;
    }

    /** The time entry first, then one key per value of each attribute with entries of its own. */
    private static List<Bytes> keys(final AuditEvent event, final EventAttributes attributes) {
        final long time = event.getEventTime().toEpochMilli();
        final byte[] eventId = event.getEventID().getBytes(StandardCharsets.UTF_8);
        final List<Bytes> keys = new ArrayList<>(8);
        keys.add(IndexKeys.entry(IndexKeys.timePrefix(), time, eventId));
        attributes.forEach((attribute, value) -> {
            if (attribute.indexing() == LookupAttribute.Indexing.OWN_ENTRIES) {
                keys.add(IndexKeys.entry(IndexKeys.prefix(attribute, value), time, eventId));
            }
        });
        return keys;
    }
}
