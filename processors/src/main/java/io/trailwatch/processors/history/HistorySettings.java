package io.trailwatch.processors.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How the event history behaves.
 *
 * @param retention      how long events stay searchable (CloudTrail's event history: 90 days)
 * @param expiryInterval how often expired events are removed from the stores
 * @param scanLimit      index entries one partition examines per query before answering with what it found and
 *                       a position to resume from, which bounds a query's latency however rare its matches are
 */
public record HistorySettings(Duration retention, Duration expiryInterval, int scanLimit) {

    public static final HistorySettings DEFAULTS = new HistorySettings(Duration.ofDays(90), Duration.ofMinutes(1),
        20_000);

    public HistorySettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(expiryInterval, "expiryInterval");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        if (expiryInterval.isNegative() || expiryInterval.isZero()) {
            throw new IllegalArgumentException("expiryInterval must be positive: " + expiryInterval);
        }
        if (scanLimit < 1) {
            throw new IllegalArgumentException("scanLimit must be at least 1: " + scanLimit);
        }
    }

    /** The oldest event time still within retention at {@code nowMillis}. */
    long oldestRetained(final long nowMillis) {
        try {
            return Math.max(Long.MIN_VALUE + 1, Math.subtractExact(nowMillis, retention.toMillis()));
        } catch (final ArithmeticException beforeAnyTime) {
            return Long.MIN_VALUE + 1;
        }
    }
}
