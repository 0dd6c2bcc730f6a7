package io.trailwatch.app.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.history.PartialPage;
import io.trailwatch.processors.history.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>Events are written once, straight to bytes (by an {@link EventRenderer}), and pages are put together from
 * those bytes: a page of 50 is tens of kilobytes, and writing it is about a fifth of what a lookup costs.
 */
final class EventsJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EventsJson() {
    }

    /** One event alone, as a page renders it. */
    static RenderedEvent render(final StoredEvent stored) {
        try (EventRenderer renderer = new EventRenderer()) {
            return renderer.render(stored);
        }
    }

    /** The public answer, UTF-8: the page's events, and a NextToken when there is more to read. */
    static byte[] page(final PartialPage<RenderedEvent> page, final EventQuery query) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(capacity(page));
        raw(out, "{\"Events\":");
        events(out, page.hits());
        if (page.hasMore()) {
            // base64url: nothing in it needs escaping
            raw(out, ",\"NextToken\":\"" + PageToken.encode(query, page.bound()) + "\"");
        }
        out.write('}');
        return out.toByteArray();
    }

    /** What an instance answers for its own partitions, UTF-8. */
    static byte[] instanceAnswer(final LocalHistory.LocalAnswer answer) {
        final List<RenderedEvent> events;
        try (EventRenderer renderer = new EventRenderer()) {
            events = answer.page().hits().stream().map(renderer::render).toList();
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(capacity(new PartialPage<>(events, null)));
        raw(out, "{\"Partitions\":" + new TreeSet<>(answer.partitions()) + ",\"Events\":");
        events(out, events);
        if (answer.page().hasMore()) {
            raw(out, ",\"Bound\":");
            out.writeBytes(bytes(MAPPER.createObjectNode().put("EventTime", time(answer.page().bound().timeMillis()))
                .put("EventId", answer.page().bound().eventId())));
        }
        out.write('}');
        return out.toByteArray();
    }

    /** Reads another instance's answer; an answer that is not one is reported as that instance being unusable. */
    static InstanceAnswer parseInstanceAnswer(final String body, final String from) {
        try {
            final JsonNode json = MAPPER.readTree(body);
            final Set<Integer> partitions = new TreeSet<>();
            json.path("Partitions").forEach(partition -> partitions.add(partition.intValue()));
            final List<RenderedEvent> events = new ArrayList<>();
            for (final JsonNode event : json.path("Events")) {
                events.add(new RenderedEvent(position(event), bytes(event)));
            }
            final JsonNode bound = json.path("Bound");
            return new InstanceAnswer(partitions, new PartialPage<>(events, bound.isMissingNode() ? null
                : position(bound)));
        } catch (final JsonProcessingException | DateTimeParseException e) {
            throw new InstanceRouter.UnavailableException("instance " + from + " gave an unreadable event history "
                + "answer: " + e.getMessage());
        }
    }

    private static void events(final ByteArrayOutputStream out, final List<RenderedEvent> events) {
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i).json());
        }
        out.write(']');
    }

    private static int capacity(final PartialPage<RenderedEvent> page) {
        return 128 + page.hits().stream().mapToInt(hit -> hit.json().length + 1).sum();
    }

    private static void raw(final ByteArrayOutputStream out, final String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(final JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static EventPosition position(final JsonNode json) {
        return new EventPosition(Instant.parse(json.path("EventTime").asText()).toEpochMilli(),
            json.path("EventId").asText());
    }

    /** An event time as the API writes it (ISO 8601, UTC, milliseconds when there are any). */
    static String time(final long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** One instance's answer: the partitions it covers and their merged page. */
    record InstanceAnswer(Set<Integer> partitions, PartialPage<RenderedEvent> page) {
    }
}
