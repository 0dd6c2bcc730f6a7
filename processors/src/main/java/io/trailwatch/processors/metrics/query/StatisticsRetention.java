package io.trailwatch.processors.metrics.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How long statistics are kept per period length, as CloudWatch keeps them: under 60 s for 3 hours, 60 s for
 * 15 days, 300 s for 63 days, 3600 s for 455 days.
 */
public record StatisticsRetention(Duration highResolution, Duration oneMinute, Duration fiveMinutes, Duration oneHour) {

    public static final StatisticsRetention CLOUDWATCH = new StatisticsRetention(Duration.ofHours(3),
        Duration.ofDays(15), Duration.ofDays(63), Duration.ofDays(455));

    public StatisticsRetention {
        Objects.requireNonNull(highResolution, "highResolution");
        Objects.requireNonNull(oneMinute, "oneMinute");
        Objects.requireNonNull(fiveMinutes, "fiveMinutes");
        Objects.requireNonNull(oneHour, "oneHour");
    }

    /** How long statistics of the given period length are kept. */
    public Duration forPeriod(final int periodSeconds) {
        if (periodSeconds < 60) {
            return highResolution;
        }
        if (periodSeconds < 300) {
            return oneMinute;
        }
        return periodSeconds < 3600 ? fiveMinutes : oneHour;
    }
}
