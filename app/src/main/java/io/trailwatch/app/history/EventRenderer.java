package io.trailwatch.app.history;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.processors.history.EventAttributes;
import io.trailwatch.processors.history.EventResource;
import io.trailwatch.processors.history.StoredEvent;
import io.trailwatch.schemas.json.CloudTrailJsonWriter;
import io.trailwatch.schemas.json.JsonValueBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the events of one answer as LookupEvents' Event objects: the summary fields and the whole record as
 * {@code CloudTrailEvent} (a JSON string). One renderer writes all of an answer's events through the same two
 * {@link JsonValueBuffer}s, each event straight to UTF-8 bytes. One caller at a time; closed when the answer is
 * written.
 */
final class EventRenderer implements AutoCloseable {

    private final JsonValueBuffer events = new JsonValueBuffer(EventsJson.MAPPER.getFactory());
    private final CloudTrailJsonWriter.AsString record = new CloudTrailJsonWriter.AsString();

    RenderedEvent render(final StoredEvent stored) {
        try {
            return new RenderedEvent(stored.position(), events.toBytes(json -> write(stored, json)));
        } catch (final IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
    }

    private void write(final StoredEvent stored, final JsonGenerator json) throws IOException {
        final AuditEvent event = stored.event();
        json.writeStartObject();
        json.writeStringField("EventId", event.getEventID());
        json.writeStringField("EventName", event.getEventName());
        if (event.getReadOnly() != null) {
            json.writeStringField("ReadOnly", event.getReadOnly().toString());
        }
        final UserIdentity identity = event.getUserIdentity();
        if (identity != null && identity.getAccessKeyId() != null) {
            json.writeStringField("AccessKeyId", identity.getAccessKeyId());
        }
        json.writeStringField("EventTime", EventsJson.time(stored.position().timeMillis()));
        json.writeStringField("EventSource", event.getEventSource());
        final String username = EventAttributes.username(event);
        if (username != null) {
            json.writeStringField("Username", username);
        }
        json.writeArrayFieldStart("Resources");
        for (final EventResource resource : EventAttributes.resources(event)) {
            json.writeStartObject();
            if (resource.type() != null) {
                json.writeStringField("ResourceType", resource.type());
            }
            json.writeStringField("ResourceName", resource.name());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("CloudTrailEvent");
        record.write(event, json);
        json.writeEndObject();
    }

    @Override
    public void close() {
        try (record; events) {
            // both released: their buffers go back to Jackson's pool
        } catch (final IOException e) {
            throw new UncheckedIOException("closing JSON generators over memory", e);
        }
    }
}
