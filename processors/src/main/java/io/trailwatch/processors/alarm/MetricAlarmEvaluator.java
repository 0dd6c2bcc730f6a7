package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/** Evaluates a metric alarm as CloudWatch does once per evaluation: picks its periods, decides, explains. */
public final class MetricAlarmEvaluator {

    private MetricAlarmEvaluator() {
    }

    /**
     * Evaluates the alarm at {@code now}.
     *
     * @param alarm      a validated definition
     * @param current    the alarm's current state
     * @param datapoints period start to the value of the alarm's statistic, for any periods; only those of the
     *                   evaluation range (see {@link EvaluationRange}) are used, so incomplete periods and periods
     *                   older than the range are ignored, as are starts not aligned to the period
     * @param now        the evaluation time; also StateReasonData's queryDate
     * @return the state the alarm should be in, with CloudWatch's reason and reason data
     */
    public static Evaluation evaluate(final MetricAlarmDefinition alarm, final AlarmStateValue current,
                                      final NavigableMap<Instant, Double> datapoints, final Instant now) {
        Objects.requireNonNull(datapoints, "datapoints");
        final NavigableMap<Instant, Datapoint> withoutCounts = new TreeMap<>();
        for (final Map.Entry<Instant, Double> entry : datapoints.entrySet()) {
            if (entry.getValue() != null) {
                withoutCounts.put(entry.getKey(), Datapoint.of(entry.getValue()));
            }
        }
        return evaluateDatapoints(alarm, current, withoutCounts, now);
    }

    /** As {@link #evaluate}, with sample counts, which StateReasonData's evaluatedDatapoints then carry. */
    public static Evaluation evaluateDatapoints(final MetricAlarmDefinition alarm, final AlarmStateValue current,
                                                final NavigableMap<Instant, Datapoint> datapoints,
                                                final Instant now) {
        Objects.requireNonNull(alarm, "alarm");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(datapoints, "datapoints");
        Objects.requireNonNull(now, "now");
        final List<PeriodSlot> range = range(alarm, datapoints, now);
        final Decision decision = new StateDecider(alarm).decide(range, current);
        return new Evaluation(decision.state(), Reasons.describe(decision, alarm),
            ReasonData.metric(decision, alarm, now));
    }

    private static List<PeriodSlot> range(final MetricAlarmDefinition alarm,
                                          final NavigableMap<Instant, Datapoint> datapoints, final Instant now) {
        final List<Instant> starts = EvaluationRange.periodStarts(alarm.period(), alarm.evaluationPeriods(), now);
        final List<PeriodSlot> range = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            range.add(new PeriodSlot(starts.get(i), datapoints.get(starts.get(i)), i + 1));
        }
        return range;
    }
}
