package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.logs.store.LogPosition;

/**
 * A log event as a live tail or a subscription delivers it, with the eventId FilterLogEvents gives the same event
 * once stored (its time and the record it came in), so a client can tell an event it has already seen.
 */
record TailedEvent(String logGroupName, String logStreamName, long timestamp, long ingestionTime, String message,
                   String eventId) {

    static TailedEvent of(final LogEvent event, final long ingestionTime, final int partition, final long offset) {
        final long timestamp = event.getTimestamp().toEpochMilli();
        return new TailedEvent(event.getLogGroup(), event.getLogStream(), timestamp, ingestionTime,
            event.getMessage(), new LogPosition(timestamp, partition, offset).digits());
    }

    /** The live tail's event: {@code {"logGroupName","logStreamName","timestamp","ingestionTime","message","eventId"}}. */
    ObjectNode json() {
        return Definitions.MAPPER.createObjectNode().put("logGroupName", logGroupName)
            .put("logStreamName", logStreamName).put("timestamp", timestamp).put("ingestionTime", ingestionTime)
            .put("message", message).put("eventId", eventId);
    }
}
