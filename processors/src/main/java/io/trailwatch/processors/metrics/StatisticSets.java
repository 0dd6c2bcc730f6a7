package io.trailwatch.processors.metrics;

import io.trailwatch.avro.StatisticSet;

/**
 * Arithmetic rules on a StatisticSet shared by validation and aggregation, so that "consistent" and
 * "stands for raw values" mean the same thing in both places.
 */
final class StatisticSets {

    /**
     * Clients compute Sum by adding values one by one while we check against Minimum x SampleCount, so
     * exact equality would reject honest sets over the last few bits.
     */
    private static final double RELATIVE_SLACK = 1e-9;

    private StatisticSets() {
    }

    /** Sum lies between Minimum x SampleCount and Maximum x SampleCount (up to rounding). */
    static boolean sumWithinBounds(final StatisticSet s) {
        final double low = s.getMinimum() * s.getSampleCount();
        final double high = s.getMaximum() * s.getSampleCount();
        final double slack = RELATIVE_SLACK * Math.max(Math.abs(low), Math.abs(high));
        return s.getSum() >= low - slack && s.getSum() <= high + slack;
    }

    /**
     * CloudWatch computes percentiles from a statistic set only when it stands for raw values: a single
     * sample (Min = Max = Sum) or SampleCount copies of one value (Min = Max, Sum = Min x SampleCount).
     * The first case is the second with SampleCount = 1.
     */
    static boolean representsRawValues(final StatisticSet s) {
        return s.getMinimum() == s.getMaximum() && sumWithinBounds(s);
    }
}
