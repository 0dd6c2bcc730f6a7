package io.trailwatch.app.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.rules.EventEnvelopes;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.trailwatch.app.aws.TopicWriter;

/**
 * PutEvents: custom events onto the default event bus, that is {@code trailwatch.events}, in their EventBridge
 * envelope, where the event rules read them as they read audit events and alarm state changes. Each entry is
 * checked as EventBridge checks it and refused alone, in the answer's {@code Entries}; the call is refused only
 * when it has no entries, more than 10, or more than 256 KB of them.
 */
public final class CustomEvents implements AutoCloseable {

    static final int MAX_ENTRIES = 10;
    /** EventBridge's limit on the size of a call's entries, as it counts it ({@link #size}). */
    static final int MAX_TOTAL_BYTES = 256 * 1024;
    /** EventBridge counts a Time member as 14 bytes. */
    private static final int TIME_BYTES = 14;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicWriter<String, String> writer;
    private final EventEnvelopes envelopes;
    private final DefaultEventBus bus;

    public CustomEvents(final KafkaAccess kafka, final SerdeContext serdes, final EventEnvelopes envelopes,
                        final DefaultEventBus bus) {
        this.writer = new TopicWriter<>(kafka, serdes, Topics.EVENTS, "trailwatch-put-events");
        this.envelopes = envelopes;
        this.bus = bus;
    }

    /** Writes the call's valid entries; answers {@code {FailedEntryCount, Entries}} once the broker has them. */
    public ObjectNode put(final AwsInput input, final Instant now) {
        final List<JsonNode> entries = input.list("Entries");
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new InvalidRecordException("Entries", "must have 1 to " + MAX_ENTRIES + " entries, had "
                + entries.size());
        }
        final List<AwsInput> inputs = entries.stream().map(AwsInput::of).toList();
        final long size = inputs.stream().mapToLong(CustomEvents::size).sum();
        if (size > MAX_TOTAL_BYTES) {
            throw new InvalidRecordException("Entries", "Total size of the entries in the request is over the "
                + "limit: " + size + " bytes, at most " + MAX_TOTAL_BYTES);
        }
        final ObjectNode answer = JSON.createObjectNode();
        final ArrayNode results = answer.putArray("Entries");
        final List<Map.Entry<String, String>> accepted = new ArrayList<>();
        int failed = 0;
        for (final AwsInput entry : inputs) {
            final ObjectNode result = results.addObject();
            try {
                final ObjectNode envelope = envelope(entry, now);
                final String id = envelope.get("id").textValue();
                accepted.add(Map.entry(id, envelope.toString()));
                result.put("EventId", id);
            } catch (final RefusedEntry refused) {
                failed++;
                result.put("ErrorCode", refused.code).put("ErrorMessage", refused.getMessage());
            }
        }
        writer.write(accepted);
        answer.put("FailedEntryCount", failed);
        return answer;
    }

    private ObjectNode envelope(final AwsInput entry, final Instant now) {
        final String source = required(entry, "Source", "");
        final String detailType = required(entry, "DetailType", "");
        final String detail = required(entry, "Detail", "");
        if (source.startsWith("aws.")) {
            throw new RefusedEntry("NotAuthorizedForSourceException", "Not authorized for the source " + source
                + ": sources starting with 'aws.' are AWS's own.");
        }
        final String busName = required(entry, "EventBusName", "default");
        if (!bus.isNamed(busName)) {
            throw new RefusedEntry("InvalidArgument", "Parameter EventBusName is not valid. Reason: event bus "
                + busName + " does not exist; Trailwatch has the default bus only.");
        }
        final JsonNode detailObject;
        try {
            detailObject = JSON.readTree(detail);
        } catch (final JsonProcessingException malformed) {
            throw new RefusedEntry("MalformedDetail", "Detail is malformed.");
        }
        if (detailObject == null || !detailObject.isObject()) {
            throw new RefusedEntry("MalformedDetail", "Detail is malformed: it must be a JSON object.");
        }
        final List<String> resources;
        final Instant time;
        try {
            resources = entry.texts("Resources");
            time = entry.instant("Time").orElse(now);
        } catch (final InvalidRecordException e) {
            throw new RefusedEntry("InvalidArgument", "Parameter " + e.field() + " is not valid. Reason: "
                + e.reason());
        }
        return envelopes.custom(UUID.randomUUID().toString(), source, detailType, time, resources, detailObject);
    }

    /** A text member, {@code absent} when there is none; refused when that is empty. */
    private static String required(final AwsInput entry, final String member, final String absent) {
        final String value;
        try {
            value = entry.text(member).orElse(absent);
        } catch (final InvalidRecordException e) {
            throw new RefusedEntry("InvalidArgument", "Parameter " + member + " is not valid. Reason: "
                + e.reason());
        }
        if (value.isEmpty()) {
            throw new RefusedEntry("InvalidArgument", "Parameter " + member + " is not valid. Reason: " + member
                + " is a required argument.");
        }
        return value;
    }

    /** An entry's size as EventBridge counts it: its Time, Source, DetailType, Detail and Resources. */
    static long size(final AwsInput entry) {
        long size = entry.has("Time") ? TIME_BYTES : 0;
        for (final String member : List.of("Source", "DetailType", "Detail")) {
            size += utf8(entry.tree().path(member).asText(""));
        }
        for (final JsonNode resource : entry.tree().path("Resources")) {
            size += utf8(resource.asText(""));
        }
        return size;
    }

    private static int utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void close() {
        writer.close();
    }

    /** One entry refused, with EventBridge's code for why. */
    private static final class RefusedEntry extends RuntimeException {
        private final String code;

        RefusedEntry(final String code, final String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
