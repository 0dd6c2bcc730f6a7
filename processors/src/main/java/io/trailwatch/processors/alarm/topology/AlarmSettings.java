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
 * @param compositeSettle  how long a new or changed composite alarm waits for its children's current states
 *                         (sent from the tasks that hold them) before its rule is first evaluated
 * @param historyRetention how long alarm history is kept (CloudWatch: 30 days)
 */
public record AlarmSettings(Duration evaluationDelay, Duration tickInterval, int partitions, Duration compositeSettle,
                            Duration historyRetention) {

    public static final Duration DEFAULT_COMPOSITE_SETTLE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(30);
    public static final AlarmSettings DEFAULTS = new AlarmSettings(Duration.ofSeconds(7), Duration.ofSeconds(1), 6);

    public AlarmSettings {
        Objects.requireNonNull(evaluationDelay, "evaluationDelay");
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(compositeSettle, "compositeSettle");
        Objects.requireNonNull(historyRetention, "historyRetention");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
    }

    public AlarmSettings(final Duration evaluationDelay, final Duration tickInterval, final int partitions) {
        this(evaluationDelay, tickInterval, partitions, DEFAULT_COMPOSITE_SETTLE, DEFAULT_HISTORY_RETENTION);
    }
}
