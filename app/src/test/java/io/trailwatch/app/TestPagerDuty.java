package io.trailwatch.app;

import io.trailwatch.testkit.RecordingWebhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A real HTTP receiver on loopback standing for PagerDuty's Events API v2, which the shared Trailwatch sends pagerduty
 * subscriptions' events to: tests tell theirs apart by routing key.
 */
final class TestPagerDuty {

    static final String PATH = "/v2/enqueue";
    private static RecordingWebhook receiver;

    private TestPagerDuty() {
    }

    static synchronized RecordingWebhook get() {
        if (receiver == null) {
            try {
                receiver = new RecordingWebhook().respond(PATH, "{\"status\":\"success\",\"message\":\"Event "
                    + "processed\"}");
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
        }
        return receiver;
    }

    static String url() {
        return get().url(PATH);
    }

    /** The events received so far with this routing key. */
    static List<RecordingWebhook.Request> eventsFor(final String routingKey) {
        return get().requests(PATH).stream().filter(request -> request.body().contains("\"routing_key\":\""
            + routingKey + "\"")).toList();
    }
}
