package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;

/** An event of the history with its position. */
public record StoredEvent(EventPosition position, AuditEvent event) implements Positioned {

    public static StoredEvent of(final AuditEvent event) {
        return new StoredEvent(new EventPosition(event.getEventTime().toEpochMilli(), event.getEventID()), event);
    }
}
