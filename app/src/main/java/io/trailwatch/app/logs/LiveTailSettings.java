package io.trailwatch.app.logs;

import java.time.Duration;

/**
 * How live tails behave.
 *
 * @param maxTails    at most this many tails at once on an instance (each has its own consumer and thread)
 * @param buffer      at most this many events waiting for a slow client; one more ends its tail
 * @param heartbeat   how long a quiet tail waits before writing a comment line, which finds a client gone
 * @param maxDuration how long a tail runs before it ends (AWS's StartLiveTail ends after 3 hours too)
 */
public record LiveTailSettings(int maxTails, int buffer, Duration heartbeat, Duration maxDuration) {

    public static final LiveTailSettings DEFAULTS = new LiveTailSettings(10, 10_000, Duration.ofSeconds(10),
        Duration.ofHours(3));
}
