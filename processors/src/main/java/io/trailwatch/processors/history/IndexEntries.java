package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

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
}
