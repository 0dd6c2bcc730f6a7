package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.schemas.text.Printable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * What {@code trailwatch logs tail} prints, as {@code aws logs tail} does: one line per event,
 * {@code <time> <stream> <message>}, the stream and message escaped (a message cannot move the cursor, ring or forge
 * a line); an event already printed (the same eventId, from the catch-up read and the live stream both) is printed
 * once. Also reads the live tail's server-sent events into such lines.
 */
final class TailLines {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Set<String> printed = new HashSet<>();
    private boolean endEvent;
    private String endReason;

    TailLines(final PrintWriter out, final PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Prints an event ({@code timestamp, logStreamName, message, eventId}) unless it was printed already. */
    void print(final JsonNode event) {
        if (!printed.add(event.path("eventId").asText())) {
            return;
        }
        out.println(Instant.ofEpochMilli(event.path("timestamp").asLong()) + " "
            + Printable.escape(event.path("logStreamName").asText()) + " "
            + Printable.escape(event.path("message").asText()));
        out.flush();
    }

    /**
     * One line of the live tail's server-sent events; false once the server ended the tail (its reason then in
     * {@link #endReason}).
     */
    boolean sse(final String line) {
        if (line.startsWith("event: end")) {
            endEvent = true;
        } else if (line.startsWith("data: ")) {
            final JsonNode data = json(line.substring("data: ".length()));
            if (endEvent) {
                endReason = data.path("reason").asText("the server ended the tail");
                err.println("trailwatch logs tail: " + Printable.escape(endReason));
                err.flush();
                return false;
            }
            print(data);
        }
        return true;
    }

    /** Why the server ended the tail, if it did. */
    String endReason() {
        return endReason;
    }

    private static JsonNode json(final String text) {
        try {
            return ApiCall.JSON.readTree(text);
        } catch (final JsonProcessingException e) {
            return ApiCall.JSON.createObjectNode().put("message", text).put("eventId", text);
        }
    }
}
