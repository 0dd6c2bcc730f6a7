package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.LogStreamStats;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import io.trailwatch.processors.runtime.InstanceRouter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** How one instance hands its part of a log read to the instance that asked (its internal routes' bodies). */
final class LogStoreJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogStoreJson() {
    }

    static String events(final List<StoredLogEvent> events) {
        final ObjectNode body = JSON.createObjectNode();
        write(body.putArray("events"), events);
        return body.toString();
    }

    static List<StoredLogEvent> events(final String body) {
        return events(tree(body).path("events"));
    }

    static String page(final LocalLogEvents.FilterPage page) {
        final ObjectNode body = JSON.createObjectNode();
        write(body.putArray("events"), page.events());
        page.stoppedAt().ifPresent(event -> write(body.putArray("stoppedAt"), List.of(event)));
        return body.toString();
    }

    static LocalLogEvents.FilterPage page(final String body) {
        final JsonNode tree = tree(body);
        return new LocalLogEvents.FilterPage(events(tree.path("events")),
            events(tree.path("stoppedAt")).stream().findFirst());
    }

    /** Statistics by group, then stream. */
    static String streams(final Map<String, ? extends Map<String, LogStreamStats>> byGroup) {
        final ObjectNode body = JSON.createObjectNode();
        byGroup.forEach((group, streams) -> {
            final ObjectNode of = body.putObject(group);
            streams.forEach((stream, stats) -> of.putArray(stream).add(stats.firstEventTimestamp())
                .add(stats.lastEventTimestamp()).add(stats.lastIngestionTime()).add(stats.storedBytes())
                .add(stats.eventCount()));
        });
        return body.toString();
    }

    static Map<String, Map<String, LogStreamStats>> streams(final String body) {
        final Map<String, Map<String, LogStreamStats>> byGroup = new TreeMap<>();
        tree(body).fields().forEachRemaining(group -> {
            final Map<String, LogStreamStats> streams = byGroup.computeIfAbsent(group.getKey(), name -> new TreeMap<>());
            group.getValue().fields().forEachRemaining(stream -> {
                final JsonNode values = stream.getValue();
                streams.put(stream.getKey(), new LogStreamStats(values.path(0).asLong(), values.path(1).asLong(),
                    values.path(2).asLong(), values.path(3).asLong(), values.path(4).asLong()));
            });
        });
        return byGroup;
    }

    private static void write(final ArrayNode array, final List<StoredLogEvent> events) {
        for (final StoredLogEvent event : events) {
            array.addObject().put("s", event.logStreamName()).put("p", event.position().digits())
                .put("i", event.ingestionTime()).put("m", event.message());
        }
    }

    private static List<StoredLogEvent> events(final JsonNode array) {
        final List<StoredLogEvent> events = new ArrayList<>();
        for (final JsonNode event : array) {
            final Optional<LogPosition> position = LogPosition.ofDigits(event.path("p").asText());
            if (position.isEmpty()) {
                throw unreadable("a position is not one");
            }
            events.add(new StoredLogEvent(event.path("s").asText(), position.get(), event.path("i").asLong(),
                event.path("m").asText()));
        }
        return events;
    }

    private static JsonNode tree(final String body) {
        try {
            return JSON.readTree(body);
        } catch (final IOException e) {
            throw unreadable(e.getMessage());
        }
    }

    private static InstanceRouter.UnavailableException unreadable(final String reason) {
        return new InstanceRouter.UnavailableException("an instance's log events could not be read: " + reason);
    }
}
