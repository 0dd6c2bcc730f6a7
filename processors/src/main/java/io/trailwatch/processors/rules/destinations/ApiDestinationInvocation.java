package io.trailwatch.processors.rules.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One matched event for one API destination target, as {@code trailwatch.notifications} carries it to the
 * deliverer (beside the notifications of subscriptions, so that both share one exactly-once delivery). It names the
 * destination, not its endpoint or credentials, which the deliverer reads when it delivers.
 *
 * @param type            always {@value #TYPE}: what tells it from a subscription's notification
 * @param deliveryId      {@code rule/<rule>/<event id>/<target id>}: the request's idempotency key
 * @param apiDestination  the destination's name
 * @param rule            the rule that matched
 * @param targetId        the target's id in the rule
 * @param body            the request body: the event, or its transformed input
 * @param receivedAt      when the event arrived (epoch ms), from which MaximumEventAgeInSeconds counts
 * @param retries         MaximumRetryAttempts
 * @param maxAgeSeconds   MaximumEventAgeInSeconds
 * @param deadLetterTopic where what still fails goes (the target's DeadLetterConfig); null: Trailwatch's own
 */
public record ApiDestinationInvocation(String type, String deliveryId, String apiDestination, String rule,
                                       String targetId, String body, long receivedAt, int retries,
                                       int maxAgeSeconds, String deadLetterTopic) {

    public static final String TYPE = "ApiDestinationInvocation";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiDestinationInvocation of(final String rule, final String eventId, final String targetId,
                                              final String apiDestination, final String body, final long receivedAt,
                                              final int retries, final int maxAgeSeconds,
                                              final String deadLetterTopic) {
        return new ApiDestinationInvocation(TYPE, "rule/" + rule + "/" + eventId + "/" + targetId, apiDestination,
            rule, targetId, body, receivedAt, retries, maxAgeSeconds, deadLetterTopic);
    }

    /** Whether a message of {@code trailwatch.notifications} is an invocation (read as a tree already). */
    public static boolean is(final JsonNode message) {
        return message != null && TYPE.equals(message.path("type").textValue());
    }

    /** @throws IllegalArgumentException when the message is not a whole invocation */
    public static ApiDestinationInvocation from(final JsonNode message) {
        final ApiDestinationInvocation invocation = JSON.convertValue(message, ApiDestinationInvocation.class);
        if (invocation.deliveryId() == null || invocation.apiDestination() == null || invocation.body() == null) {
            throw new IllegalArgumentException("an invocation needs its deliveryId, apiDestination and body");
        }
        return invocation;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
