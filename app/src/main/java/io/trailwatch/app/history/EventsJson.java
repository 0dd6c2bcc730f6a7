package io.trailwatch.app.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.processors.history.EventAttributes;
import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.EventResource;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.history.PartialPage;
import io.trailwatch.processors.history.StoredEvent;
import io.trailwatch.processors.runtime.InstanceRouter;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON of the event history API: LookupEvents' response ({@code Events}, {@code NextToken}), each event
 * with LookupEvents' summary fields and the whole record as {@code CloudTrailEvent} (a JSON string); and the
 * internal answer one instance gives another ({@code Partitions}, {@code Events}, {@code Bound}).
 */
final class EventsJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EventsJson() {
    }

    static RenderedEvent render(final StoredEvent stored) {
        final AuditEvent event = stored.event();
        final ObjectNode json = MAPPER.createObjectNode();
        json.put("EventId", event.getEventID());
        json.put("EventName", event.getEventName());
        if (event.getReadOnly() != null) {
            json.put("ReadOnly", event.getReadOnly().toString());
        }
        final UserIdentity identity = event.getUserIdentity();
        if (identity != null && identity.getAccessKeyId() != null) {
            json.put("AccessKeyId", identity.getAccessKeyId());
        }
        json.put("EventTime", time(stored.position().timeMillis()));
        json.put("EventSource", event.getEventSource());
        final String username = EventAttributes.username(event);
        if (username != null) {
            json.put("Username", username);
        }
        final ArrayNode resources = json.putArray("Resources");
        for (final EventResource resource : EventAttributes.resources(event)) {
            final ObjectNode node = resources.addObject();
            if (resource.type() != null) {
                node.put("ResourceType", resource.type());
            }
            node.put("ResourceName", resource.name());
        }
        json.put("CloudTrailEvent", CloudTrailJson.toJsonText(event));
        return new RenderedEvent(stored.position(), json);
    }

    /** The public answer, UTF-8: the page's events, and a NextToken when there is more to read. */
    static byte[] page(final PartialPage<RenderedEvent> page, final EventQuery query) {
        final ObjectNode body = MAPPER.createObjectNode();
        final ArrayNode events = body.putArray("Events");
        page.hits().forEach(hit -> events.add(hit.json()));
        if (page.hasMore()) {
            body.put("NextToken", PageToken.encode(query, page.bound()));
        }
        return bytes(body);
    }

    /** What an instance answers for its own partitions, UTF-8. */
    static byte[] instanceAnswer(final LocalHistory.LocalAnswer answer) {
        final ObjectNode body = MAPPER.createObjectNode();
        final ArrayNode partitions = body.putArray("Partitions");
        answer.partitions().forEach(partitions::add);
        final ArrayNode events = body.putArray("Events");
        answer.page().hits().forEach(hit -> events.add(render(hit).json()));
        if (answer.page().hasMore()) {
            body.putObject("Bound").put("EventTime", time(answer.page().bound().timeMillis()))
                .put("EventId", answer.page().bound().eventId());
        }
        return bytes(body);
    }

    /** Reads another instance's answer; an answer that is not one is reported as that instance being unusable. */
    static InstanceAnswer parseInstanceAnswer(final String body, final String from) {
        try {
            final JsonNode json = MAPPER.readTree(body);
            final Set<Integer> partitions = new TreeSet<>();
            json.path("Partitions").forEach(partition -> partitions.add(partition.intValue()));
            final List<RenderedEvent> events = new ArrayList<>();
            for (final JsonNode event : json.path("Events")) {
                events.add(new RenderedEvent(position(event), (ObjectNode) event));
            }
            final JsonNode bound = json.path("Bound");
            return new InstanceAnswer(partitions, new PartialPage<>(events, bound.isMissingNode() ? null
                : position(bound)));
        } catch (final JsonProcessingException | DateTimeParseException | ClassCastException e) {
            throw new InstanceRouter.UnavailableException("instance " + from + " gave an unreadable event history "
                + "answer: " + e.getMessage());
        }
    }

    private static EventPosition position(final JsonNode json) {
        return new EventPosition(Instant.parse(json.path("EventTime").asText()).toEpochMilli(),
            json.path("EventId").asText());
    }

    /** Written straight to bytes: a page is tens of kilobytes, and a String would be one more copy of it. */
    private static byte[] bytes(final ObjectNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static String time(final long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** One instance's answer: the partitions it covers and their merged page. */
    record InstanceAnswer(Set<Integer> partitions, PartialPage<RenderedEvent> page) {
    }
}
