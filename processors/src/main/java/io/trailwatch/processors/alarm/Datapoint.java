package io.trailwatch.processors.alarm;

/**
 * One period's value of the alarm's statistic.
 *
 * @param value       the statistic's value for the period
 * @param sampleCount how many samples the period aggregated, or null when unknown; StateReasonData's
 *                    evaluatedDatapoints carry it when known
 */
public record Datapoint(double value, Double sampleCount) {

    public static Datapoint of(final double value) {
        return new Datapoint(value, null);
    }
}
