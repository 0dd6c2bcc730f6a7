package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.List;

/**
 * Decides an alarm's state from its evaluation range, following "How alarm state is evaluated when data is missing"
 * and "Avoiding premature transitions to alarm state" in the CloudWatch User Guide (AlarmThatSendsEmail). Every row
 * of both tables there, and of the tables of the page's earlier revisions, is a test case.
 */
final class StateDecider {

    private final int evaluationPeriods;
    private final int datapointsToAlarm;
    private final ComparisonOperator operator;
    private final double threshold;
    private final TreatMissingData treatMissingData;

    StateDecider(final MetricAlarmDefinition alarm) {
        this.evaluationPeriods = alarm.evaluationPeriods();
        this.datapointsToAlarm = alarm.datapointsToAlarm();
        this.operator = alarm.comparisonOperator();
        this.threshold = alarm.threshold();
        this.treatMissingData = alarm.effectiveTreatMissingData();
    }

    /**
     * @param range   the evaluation range, newest period first
     * @param current the alarm's current state, kept when missing data is ignored
     */
    Decision decide(final List<PeriodSlot> range, final AlarmStateValue current) {
        final List<PeriodSlot> real = range.stream().filter(PeriodSlot::present).toList();
        final List<Instant> missing = range.stream().filter(slot -> !slot.present()).map(PeriodSlot::start).toList();
        // "If ... the number of existing data points ... is equal to or more than the alarm's Evaluation Periods,
        // CloudWatch evaluates the alarm state based on the most recent real data points ... the value you set for
        // how to treat missing data is not needed and is ignored."
        if (real.size() >= evaluationPeriods) {
            final List<PeriodSlot> newest = real.subList(0, evaluationPeriods);
            return crossed(stateFor(breaching(newest)), newest);
        }
        // Otherwise missing periods are filled in "only as few times as possible": all real points plus N - k fills.
        final List<Instant> toFill = missing.subList(0, evaluationPeriods - real.size());
        return switch (treatMissingData) {
            case breaching -> filled(real, toFill, true);
            case notBreaching -> filled(real, toFill, false);
            case missing, ignore -> unfilled(real, toFill, current);
        };
    }

    private Decision filled(final List<PeriodSlot> real, final List<Instant> toFill, final boolean fillBreaches) {
        final int breaching = breaching(real) + (fillBreaches ? toFill.size() : 0);
        final AlarmStateValue state = stateFor(breaching);
        final Decision.Kind kind = real.isEmpty() ? Decision.Kind.NO_DATAPOINTS : Decision.Kind.THRESHOLD_CROSSED;
        return new Decision(kind, state, real, toFill, List.of());
    }

    /**
     * Missing periods stay unknown. What the real points settle is settled: M breaching points are ALARM whatever
     * the unknowns hold, and a non-breaching point makes the alarm OK (the tables' rows {@code 0 - - - -},
     * {@code - - - - 0} and {@code 0 - X - -} are OK under missing and ignore even where the unknowns could still
     * have reached M). Only breaching points, fewer than M, are the premature-alarm case.
     */
    private Decision unfilled(final List<PeriodSlot> real, final List<Instant> unknown, final AlarmStateValue current) {
        final int breaching = breaching(real);
        if (breaching >= datapointsToAlarm || breaching < real.size()) {
            return crossed(stateFor(breaching), real);
        }
        if (treatMissingData == TreatMissingData.ignore) {
            return new Decision(Decision.Kind.RETAINED, current, real, List.of(), unknown);
        }
        if (!real.isEmpty() && oldestIsOldEnough(real)) {
            return crossed(AlarmStateValue.ALARM, real);
        }
        return new Decision(Decision.Kind.INSUFFICIENT_DATA, AlarmStateValue.INSUFFICIENT_DATA, real, List.of(),
            unknown);
    }

    /**
     * The premature-alarm guard: "alarms are designed to always go into ALARM state when the oldest available
     * breaching datapoint during the Evaluation Periods number of data points is at least as old as the value of
     * Datapoints to Alarm, and all other more recent data points are breaching or missing". Only reached when every
     * real point breaches (see {@link #unfilled}): the documented row {@code 0 - X - -} with M = 2 is OK under
     * missing although its breaching point is 3 periods old, and the earlier revision of the page explains its
     * ALARM row {@code X - - - -} by "the oldest evaluated data point is breaching and there aren't any
     * non-breaching data points". Age counts the newest period of the range as 1.
     */
    private boolean oldestIsOldEnough(final List<PeriodSlot> real) {
        return real.get(real.size() - 1).age() >= datapointsToAlarm;
    }

    private Decision crossed(final AlarmStateValue state, final List<PeriodSlot> evaluated) {
        return new Decision(Decision.Kind.THRESHOLD_CROSSED, state, evaluated, List.of(), List.of());
    }

    private AlarmStateValue stateFor(final int breaching) {
        return breaching >= datapointsToAlarm ? AlarmStateValue.ALARM : AlarmStateValue.OK;
    }

    private int breaching(final List<PeriodSlot> points) {
        return (int) points.stream().filter(point -> operator.breaches(point.value(), threshold)).count();
    }
}
