package io.trailwatch.app.events;

import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.sinks.notify.Retrying;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds each API destination to its InvocationRateLimitPerSecond: requests are spaced evenly, one every
 * 1/rate seconds, whatever their outcome (a retry counts, as it does for the receiver). The limit applies per
 * instance: the deliveries of one destination are on one partition, so one instance at a time sends them.
 */
final class InvocationRates {

    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();

    private final Retrying.Sleeper sleeper;
    /** The earliest time (System.nanoTime) of each destination's next request. */
    private final Map<String, Long> next = new HashMap<>();

    InvocationRates(final Retrying.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /**
     * Returns when the destination may be sent its next request. The wait is outside the lock: one destination's
     * lane waiting for its slot holds no other destination's lane.
     */
    void acquire(final ApiDestinationDefinition destination) throws InterruptedException {
        final long now = System.nanoTime();
        final long slot;
        synchronized (this) {
            slot = Math.max(now, next.getOrDefault(destination.name(), now));
            next.put(destination.name(), slot + SECOND_NANOS / destination.invocationRateLimitPerSecond());
        }
        if (slot > now) {
            sleeper.sleep(Duration.ofNanos(slot - now));
        }
    }
}
