package io.trailwatch.sinks.notify;

import java.time.Duration;

/**
 * How often and how patiently a delivery is retried: exponential backoff from {@code backoff}, doubled at each
 * retry up to {@code maxBackoff}, for at most {@code maxAttempts} attempts in all.
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff) {

    /** The wait after the given failed attempt (1 for the first). */
    public Duration backoffAfter(final int attempt) {
        final long doubled = backoff.toMillis() << Math.min(attempt - 1, 30);
        return Duration.ofMillis(Math.min(doubled, maxBackoff.toMillis()));
    }
}
