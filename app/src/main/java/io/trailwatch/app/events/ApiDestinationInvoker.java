package io.trailwatch.app.events;

import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ApiDestinationInvocation;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import io.trailwatch.sinks.notify.DeliveryFailedException;
import io.trailwatch.sinks.notify.RetryPolicy;
import io.trailwatch.sinks.notify.Retrying;
import io.trailwatch.sinks.notify.WebhookClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Invokes an API destination with one matched event, as EventBridge does
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html): the destination's method
 * and endpoint, the event (or its transformed input) as the body, the connection's authorization header, the
 * delivery id as {@code Idempotency-Key}; within the destination's rate; retried on a network error, 401, 407,
 * 409, 429 and 5xx with backoff, until the target's RetryPolicy is spent: MaximumRetryAttempts retries (EventBridge's
 * default 185), or the event older than MaximumEventAgeInSeconds (default 24 hours). No limit of Trailwatch's own
 * shortens them: the backoffs do not hold the deliverer's consumer, which polls on while lanes deliver. The
 * caller records it as delivered, or dead-letters it with the reason.
 */
public final class ApiDestinationInvoker {

    /** The statuses EventBridge retries for API destinations; any other failure is final. */
    private static final Set<Integer> RETRIED = Set.of(401, 407, 409, 429);
    private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "OPTIONS");

    private final Function<String, Optional<ApiDestinationDefinition>> destinations;
    private final Function<String, Optional<ConnectionDefinition>> connections;
    private final WebhookClient client;
    private final ConnectionAuthorization authorization;
    private final InvocationRates rates;
    private final DeliverySettings backoff;
    private final Retrying.Sleeper sleeper;
    private final Clock clock;

    /**
     * @param destinations an API destination's current definition by name
     * @param connections  a connection's current definition by name
     * @param backoff      the waits between attempts (the attempts are the invocation's own)
     * @param sleeper      waits, and ends the wait when delivery stops
     */
    public ApiDestinationInvoker(final Function<String, Optional<ApiDestinationDefinition>> destinations,
                                 final Function<String, Optional<ConnectionDefinition>> connections,
                                 final WebhookClient client, final DeliverySettings backoff,
                                 final Retrying.Sleeper sleeper, final Clock clock) {
        this.destinations = destinations;
        this.connections = connections;
        this.client = client;
        this.authorization = new ConnectionAuthorization(client.timeout(), clock);
        this.rates = new InvocationRates(sleeper);
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Invokes, or throws why not once the retry policy is spent (or when no attempt can succeed). */
    public void invoke(final ApiDestinationInvocation invocation) throws DeliveryFailedException,
        InterruptedException {
        final ApiDestinationDefinition destination = destinations.apply(invocation.apiDestination()).orElseThrow(
            () -> new DeliveryFailedException("API destination " + invocation.apiDestination() + " does not exist"));
        final ConnectionDefinition connection = connections.apply(destination.connectionName()).orElseThrow(
            () -> new DeliveryFailedException("connection " + destination.connectionName() + " of API destination "
                + destination.name() + " does not exist"));
        final Instant tooOld = Instant.ofEpochMilli(invocation.receivedAt()).plusSeconds(invocation.maxAgeSeconds());
        final RetryPolicy policy = new RetryPolicy(invocation.retries() + 1, backoff.backoff(),
            spreadBackoff(invocation));
        new Retrying(policy, sleeper).run(invocation.deliveryId(), () -> {
            if (clock.instant().isAfter(tooOld)) {
                throw new DeliveryFailedException("the event is older than its MaximumEventAgeInSeconds ("
                    + invocation.maxAgeSeconds() + " s)");
            }
            rates.acquire(destination);
            final Map.Entry<String, String> header;
            try {
                header = authorization.header(connection);
            } catch (final ConnectionAuthorization.Unavailable e) {
                return e.getMessage();
            }
            return client.attempt(request(destination, invocation, header), destination.invocationEndpoint(),
                status -> retried(status, connection));
        });
    }

    /**
     * The longest wait between attempts: long enough that the retries spread over the event's age limit, as
     * EventBridge's do (185 retries over 24 hours by default), instead of being spent within the first hours of an
     * outage at the deliverer's own maximum; never shorter than that maximum.
     */
    private Duration spreadBackoff(final ApiDestinationInvocation invocation) {
        final Duration spread = Duration.ofSeconds(invocation.maxAgeSeconds()).dividedBy(invocation.retries() + 1L);
        return spread.compareTo(backoff.maxBackoff()) > 0 ? spread : backoff.maxBackoff();
    }

    private HttpRequest request(final ApiDestinationDefinition destination,
                                final ApiDestinationInvocation invocation, final Map.Entry<String, String> header) {
        return HttpRequest.newBuilder(URI.create(destination.invocationEndpoint()))
            .timeout(client.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Amazon/EventBridge/ApiDestinations")
            .header(WebhookClient.IDEMPOTENCY_KEY, invocation.deliveryId())
            .header(header.getKey(), header.getValue())
            .method(destination.httpMethod(), WITHOUT_BODY.contains(destination.httpMethod())
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(invocation.body()))
            .build();
    }

    /** EventBridge's retried statuses; a refused token is forgotten so that the retry fetches another. */
    private boolean retried(final int status, final ConnectionDefinition connection) {
        if (status == 401 || status == 407) {
            authorization.forget(connection);
        }
        return RETRIED.contains(status) || status / 100 == 5;
    }
}
