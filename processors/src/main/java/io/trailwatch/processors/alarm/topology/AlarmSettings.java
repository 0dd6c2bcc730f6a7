package io.trailwatch.processors.alarm.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * How alarms are evaluated.
 *
 * @param evaluationDelay  how far behind the wall clock evaluation looks, so a period's statistics (emitted when
 *                         the period closes, after the aggregation grace) are in before missing data is assumed
 * @param tickInterval     how often wall-clock evaluation runs (missing data is noticed even when input stops)
 * @param partitions       partitions of the alarm-keyed repartition topic: which task owns which alarm
 */
public record AlarmSettings(Duration evaluationDelay, Duration tickInterval, int partitions) {

    public static final AlarmSettings DEFAULTS = new AlarmSettings(Duration.ofSeconds(7), Duration.ofSeconds(1), 6);

    public AlarmSettings {
        Objects.requireNonNull(evaluationDelay, "evaluationDelay");
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
    }
}
