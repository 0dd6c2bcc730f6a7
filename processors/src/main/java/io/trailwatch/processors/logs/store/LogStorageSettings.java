package io.trailwatch.processors.logs.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How the log store behaves.
 *
 * @param expiryInterval how often (wall-clock) events older than their group's retention are removed from disk;
 *                       queries never return them meanwhile (they bound their time range by the retention)
 * @param expiryBatch    at most how many events one removal deletes, so that removing a long backlog (a
 *                       retention shortened on a large group) never holds a stream thread for long; the rest goes
 *                       at the next ones
 */
public record LogStorageSettings(Duration expiryInterval, int expiryBatch) {

    public static final LogStorageSettings DEFAULTS = new LogStorageSettings(Duration.ofMinutes(1), 100_000);

    public LogStorageSettings {
        Objects.requireNonNull(expiryInterval, "expiryInterval");
        if (expiryInterval.isNegative() || expiryInterval.isZero()) {
            throw new IllegalArgumentException("expiryInterval must be positive: " + expiryInterval);
        }
        if (expiryBatch < 1) {
            throw new IllegalArgumentException("expiryBatch must be at least 1: " + expiryBatch);
        }
    }
}
