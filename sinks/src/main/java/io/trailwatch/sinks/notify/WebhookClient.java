package io.trailwatch.sinks.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs notifications, retrying what may succeed later (network errors, 408, 429, 5xx) with exponential backoff.
 * Every attempt carries the transition id as {@code Idempotency-Key}, so a receiver that honours it can drop the
 * copy of a retried request that had in fact arrived.
 */
final class WebhookClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);
    private static final int MAX_BODY_IN_REASON = 300;

    private final URI url;
    private final RetryPolicy retries;
    private final Duration timeout;
    private final HttpClient http;
    private final Sleeper sleeper;

    /** Waits between attempts; a test or a stopping task can make it return early. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    WebhookClient(final String url, final RetryPolicy retries, final Duration timeout, final Sleeper sleeper) {
        this.url = URI.create(url);
        this.retries = retries;
        this.timeout = timeout;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Why a notification could not be delivered, after every attempt allowed. */
    static final class DeliveryFailedException extends Exception {
        DeliveryFailedException(final String message) {
            super(message);
        }
    }

    /**
     * Delivers the body or throws after the last attempt; a 4xx other than 408 and 429 means the receiver will
     * never take this body and is not retried.
     */
    void deliver(final String idempotencyKey, final String body) throws DeliveryFailedException, InterruptedException {
        String failure = null;
        for (int attempt = 1; attempt <= retries.maxAttempts(); attempt++) {
            try {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(IDEMPOTENCY_KEY, idempotencyKey)
                    .header("User-Agent", "Trailwatch-Notifier")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                final int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                failure = "HTTP " + status + " from " + url + ": " + abbreviated(response.body());
                if (!retriable(status)) {
                    throw new DeliveryFailedException(failure + " (not retried)");
                }
            } catch (final IOException e) {
                failure = e.getClass().getSimpleName() + " calling " + url + ": " + e.getMessage();
            }
            if (attempt < retries.maxAttempts()) {
                final Duration wait = retries.backoffAfter(attempt);
                LOG.warn("Delivery of {} failed (attempt {} of {}): {}; retrying in {} ms", idempotencyKey, attempt,
                    retries.maxAttempts(), failure, wait.toMillis());
                sleeper.sleep(wait);
            }
        }
        throw new DeliveryFailedException(failure + " (after " + retries.maxAttempts() + " attempts)");
    }

    private static boolean retriable(final int status) {
        return status == 408 || status == 429 || status / 100 == 5;
    }

    private static String abbreviated(final String body) {
        return body == null ? "" : body.length() <= MAX_BODY_IN_REASON ? body
            : body.substring(0, MAX_BODY_IN_REASON) + "...";
    }
}
