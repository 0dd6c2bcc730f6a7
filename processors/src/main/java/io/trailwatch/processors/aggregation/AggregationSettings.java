package io.trailwatch.processors.aggregation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How metric datapoints are aggregated into periods.
 *
 * @param grace                 how long after a period ends its statistics wait for datapoints before they are
 *                              emitted; later datapoints correct the emitted period (a new revision)
 * @param closeCheckInterval    how often wall-clock time is checked to close the periods of idle partitions
 * @param standardPeriods       periods (seconds) a standard-resolution datum is aggregated into; it is added to the
 *                              first (shortest), which is merged into the others as it closes
 * @param highResolutionPeriods periods (seconds) a high-resolution (StorageResolution 1) datum is aggregated into
 */
public record AggregationSettings(Duration grace, Duration closeCheckInterval, List<Integer> standardPeriods,
                                  List<Integer> highResolutionPeriods) {

    public static final AggregationSettings DEFAULTS = new AggregationSettings(Duration.ofSeconds(5),
        Duration.ofSeconds(1), List.of(60, 300, 3600), List.of(1, 10, 20, 30, 60, 300, 3600));

    public AggregationSettings {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(closeCheckInterval, "closeCheckInterval");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        standardPeriods = sortedPositive(standardPeriods, "standardPeriods");
        highResolutionPeriods = sortedPositive(highResolutionPeriods, "highResolutionPeriods");
    }

    public AggregationSettings withGrace(final Duration newGrace) {
        return new AggregationSettings(newGrace, closeCheckInterval, standardPeriods, highResolutionPeriods);
    }

    private static List<Integer> sortedPositive(final List<Integer> periods, final String name) {
        if (periods == null || periods.isEmpty()) {
            throw new IllegalArgumentException(name + " must name at least one period");
        }
        periods.forEach(period -> {
            if (period == null || period <= 0) {
                throw new IllegalArgumentException(name + " must be positive seconds, was " + period);
            }
        });
        return periods.stream().distinct().sorted().toList();
    }
}
