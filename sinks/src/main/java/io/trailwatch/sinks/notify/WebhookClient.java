package io.trailwatch.sinks.notify;

import io.trailwatch.schemas.UrlPasswords;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * POSTs notifications, retrying what may succeed later (network errors, 408, 429, 5xx) with exponential backoff.
 * Every attempt carries the transition id as {@code Idempotency-Key}, so a receiver that honours it can drop the
 * copy of a retried request that had in fact arrived. A URL's user and password are sent as HTTP Basic
 * authorization and never appear in a reason or a log line.
 */
public final class WebhookClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_BODY_IN_REASON = 300;

    private final String url;
    private final Retrying retrying;
    private final Duration timeout;
    private final HttpClient http;

    /** @param url where {@link #deliver(String, String)} posts; null for a client that is given it each time */
    public WebhookClient(final String url, final RetryPolicy retries, final Duration timeout,
                         final Retrying.Sleeper sleeper) {
        this.url = url;
        this.retrying = new Retrying(retries, sleeper);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Delivers the body or throws after the last attempt; a 4xx other than 408 and 429 means the receiver will
     * never take this body and is not retried.
     */
    void deliver(final String idempotencyKey, final String body) throws DeliveryFailedException, InterruptedException {
        deliver(url, Map.of("Content-Type", "application/json"), idempotencyKey, body);
    }

    /**
     * Delivers the body to the URL with these headers, as {@link #deliver(String, String)}.
     *
     * @param target a URL, which may carry {@code user:password@} (sent as HTTP Basic authorization)
     */
    public void deliver(final String target, final Map<String, String> headers, final String idempotencyKey,
                        final String body) throws DeliveryFailedException, InterruptedException {
        final String shown = UrlPasswords.masked(target);
        final URI withCredentials;
        final HttpRequest.Builder request;
        try {
            withCredentials = URI.create(target);
            final String user = withCredentials.getRawUserInfo();
            request = HttpRequest.newBuilder(user == null ? withCredentials
                : URI.create(target.replaceFirst(Pattern.quote(user + "@"), "")));
        } catch (final IllegalArgumentException e) {
            throw new DeliveryFailedException("invalid URL " + shown + " (not retried)");
        }
        request.timeout(timeout).header(IDEMPOTENCY_KEY, idempotencyKey).header("User-Agent", "Trailwatch-Notifier");
        headers.forEach(request::header);
        if (withCredentials.getRawUserInfo() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(URLDecoder.decode(
                withCredentials.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
        }
        request.POST(HttpRequest.BodyPublishers.ofString(body));
        final HttpRequest built = request.build();
        retrying.run(idempotencyKey, () -> attempt(built, shown, WebhookClient::retriable));
    }

    /**
     * One request, for a caller that runs its own retries (an API destination's retry policy): null when answered
     * 2xx, else why not, which another attempt may change.
     *
     * @param shown     the URL as it may appear in the reason (no credentials)
     * @param retriable which statuses another attempt may change; any other throws
     * @throws DeliveryFailedException when the status says that no attempt can succeed
     */
    public String attempt(final HttpRequest request, final String shown, final IntPredicate retriable)
        throws DeliveryFailedException, InterruptedException {
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            final int status = response.statusCode();
            if (status / 100 == 2) {
                return null;
            }
            final String failure = "HTTP " + status + " from " + shown + ": " + abbreviated(response.body());
            if (!retriable.test(status)) {
                throw new DeliveryFailedException(failure + " (not retried)");
            }
            return failure;
        } catch (final IOException e) {
            return e.getClass().getSimpleName() + " calling " + shown + ": " + e.getMessage();
        }
    }

    /** How long each request may take. */
    public Duration timeout() {
        return timeout;
    }

    private static boolean retriable(final int status) {
        return status == 408 || status == 429 || status / 100 == 5;
    }

    private static String abbreviated(final String body) {
        return body == null ? "" : body.length() <= MAX_BODY_IN_REASON ? body
            : body.substring(0, MAX_BODY_IN_REASON) + "...";
    }
}
