package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.LogStreamStats;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
        partitions(body, page.partitions());
        return body.toString();
    }

    static LocalLogEvents.FilterPage page(final String body) {
        final JsonNode tree = tree(body);
        return new LocalLogEvents.FilterPage(events(tree.path("events")),
            events(tree.path("stoppedAt")).stream().findFirst(), partitions(tree));
    }

    /**
     * One instance's statistics by group, then stream, and the partitions they cover.
     *
     * @param byGroup    statistics by group, then stream
     * @param partitions the partitions of {@code trailwatch.logs} the instance answered for
     */
    record Streams(Map<String, ? extends Map<String, LogStreamStats>> byGroup, Set<Integer> partitions) {
    }

    static String streams(final Streams streams) {
        final ObjectNode body = JSON.createObjectNode();
        partitions(body, streams.partitions());
        final ObjectNode groups = body.putObject("groups");
        streams.byGroup().forEach((group, ofGroup) -> {
            final ObjectNode of = groups.putObject(group);
            ofGroup.forEach((stream, stats) -> of.putArray(stream).add(stats.firstEventTimestamp())
                .add(stats.lastEventTimestamp()).add(stats.lastIngestionTime()).add(stats.storedBytes())
                .add(stats.eventCount()));
        });
        return body.toString();
    }

    static Streams streams(final String body) {
        final JsonNode tree = tree(body);
        final Map<String, Map<String, LogStreamStats>> byGroup = new TreeMap<>();
        tree.path("groups").fields().forEachRemaining(group -> {
            final Map<String, LogStreamStats> streams = byGroup.computeIfAbsent(group.getKey(), name -> new TreeMap<>());
            group.getValue().fields().forEachRemaining(stream -> {
                final JsonNode values = stream.getValue();
                streams.put(stream.getKey(), new LogStreamStats(values.path(0).asLong(), values.path(1).asLong(),
                    values.path(2).asLong(), values.path(3).asLong(), values.path(4).asLong()));
            });
        });
        return new Streams(byGroup, partitions(tree));
    }

    private static void partitions(final ObjectNode body, final Set<Integer> partitions) {
        final ArrayNode array = body.putArray("partitions");
        partitions.forEach(array::add);
    }

    private static Set<Integer> partitions(final JsonNode body) {
        final Set<Integer> partitions = new TreeSet<>();
        body.path("partitions").forEach(partition -> partitions.add(partition.asInt()));
        return partitions;
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
