package io.trailwatch.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.rules.TargetRetryPolicy;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ApiDestinationInvocation;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import io.trailwatch.sinks.notify.DeliveryFailedException;
import io.trailwatch.sinks.notify.RetryPolicy;
import io.trailwatch.sinks.notify.WebhookClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A target's RetryPolicy is what bounds an API destination's retries, against a real local endpoint that always
 * answers 503; the backoffs pass on a clock of the test's own (each one moves it on), so a day of retries is quick.
 */
class ApiDestinationInvokerTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-07T00:00:00Z");
    /** Each backoff: 11 minutes (no attempt falls on an age bound; 185 retries of it outlast a day). */
    private static final Duration BACKOFF = Duration.ofMinutes(11);

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer endpoint;
    private Instant now = RECEIVED;

    @BeforeEach
    void failingEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    @Test
    void theDefaultPolicyRetriesForADayNotAMinute() {
        assertThatThrownBy(() -> invoker().invoke(invocation(TargetRetryPolicy.DEFAULT)))
            .isInstanceOf(DeliveryFailedException.class).hasMessageContaining("MaximumEventAgeInSeconds (86400 s)");
        // the first attempt and one every 11 minutes up to the event's 24th hour: 131 of the 186 allowed
        assertThat(requests.get()).isEqualTo(24 * 60 / 11 + 1);
        assertThat(now).isAfter(RECEIVED.plus(Duration.ofHours(24)));
    }

    @Test
    void theRetriesOfTheDefaultPolicySpreadOverTheDayFromShortBackoffs() {
        final java.util.List<Instant> attempts = new java.util.ArrayList<>();
        endpoint.removeContext("/");
        endpoint.createContext("/", exchange -> {
            attempts.add(now);
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        // The deliverer's own backoff, 500 ms doubling to 30 s, alone would spend 185 retries in about 1.5 hours.
        assertThatThrownBy(() -> invoker(Duration.ofMillis(500), Duration.ofSeconds(30))
            .invoke(invocation(TargetRetryPolicy.DEFAULT)))
            .isInstanceOf(DeliveryFailedException.class).hasMessageContaining("after 186 attempts");
        assertThat(attempts).hasSize(186);
        assertThat(Duration.between(RECEIVED, attempts.get(attempts.size() - 1)))
            .as("the last retry late in the event's day").isBetween(Duration.ofHours(20), Duration.ofHours(24));
        assertThat(Duration.between(RECEIVED, attempts.get(5))).as("the first retries still come fast")
            .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void maximumRetryAttemptsBoundsTheRetries() {
        assertThatThrownBy(() -> invoker().invoke(invocation(new TargetRetryPolicy(3, null))))
            .isInstanceOf(DeliveryFailedException.class).hasMessageContaining("HTTP 503")
            .hasMessageContaining("after 4 attempts");
        assertThat(requests.get()).as("the first attempt and 3 retries").isEqualTo(4);
    }

    @Test
    void maximumEventAgeBoundsTheRetries() {
        assertThatThrownBy(() -> invoker().invoke(invocation(new TargetRetryPolicy(null, 3_600))))
            .isInstanceOf(DeliveryFailedException.class).hasMessageContaining("MaximumEventAgeInSeconds (3600 s)");
        assertThat(requests.get()).as("an attempt every 11 minutes within the hour").isEqualTo(6);
    }

    private ApiDestinationInvocation invocation(final TargetRetryPolicy policy) {
        return ApiDestinationInvocation.of("rule", "event-1", "target", "failing", "{}", RECEIVED.toEpochMilli(),
            policy.retries(), policy.maxAgeSeconds(), null);
    }

    private ApiDestinationInvoker invoker() {
        return invoker(BACKOFF, BACKOFF);
    }

    private ApiDestinationInvoker invoker(final Duration backoff, final Duration maxBackoff) {
        final ApiDestinationDefinition destination = new ApiDestinationDefinition("failing", "key",
            "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook", "POST",
            ApiDestinationDefinition.DEFAULT_RATE, "", 0L);
        final ConnectionDefinition connection = new ConnectionDefinition("key", ConnectionDefinition.API_KEY,
            new ConnectionDefinition.ApiKey("x-api-key", "secret"), null, null, "", 0L);
        final Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        final WebhookClient client = new WebhookClient(null, new RetryPolicy(1, BACKOFF, BACKOFF),
            Duration.ofSeconds(5), wait -> now = now.plus(wait));
        return new ApiDestinationInvoker(name -> Optional.of(destination).filter(d -> d.name().equals(name)),
            name -> Optional.of(connection).filter(c -> c.name().equals(name)), client,
            new DeliverySettings(8, backoff, maxBackoff, Duration.ofSeconds(5), 2), wait -> now = now.plus(wait),
            clock);
    }
}
