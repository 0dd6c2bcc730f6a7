package io.trailwatch.processors.alarm;

import java.time.Instant;

/**
 * One period of the evaluation range and its datapoint, or none when the period is missing.
 *
 * @param start     period start
 * @param datapoint the period's datapoint, null when missing
 * @param age       1 for the newest period of the range, 2 for the one before, and so on
 */
record PeriodSlot(Instant start, Datapoint datapoint, int age) {

    boolean present() {
        return datapoint != null;
    }

    double value() {
        return datapoint.value();
    }
}
