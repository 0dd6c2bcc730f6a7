package io.trailwatch.processors.notify;

import java.time.Duration;

/**
 * How patiently a subscription's deliveries are retried before they are dead-lettered: at most {@code maxAttempts}
 * attempts, waiting {@code backoff} after the first failure, doubled each time up to {@code maxBackoff}, each request
 * given {@code requestTimeout}; at most {@code concurrency} requests in flight per instance, to different subscriptions.
 */
public record DeliverySettings(int maxAttempts, Duration backoff, Duration maxBackoff, Duration requestTimeout,
                               int concurrency) {

    /** The notifier connector's defaults: 8 attempts over about a minute; 32 requests at once. */
    public static final DeliverySettings DEFAULTS = new DeliverySettings(8, Duration.ofMillis(500),
        Duration.ofSeconds(30), Duration.ofSeconds(10), 32);
}
