package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CloudWatch's StateReason texts, word for word. Sources: the User Guide's EventBridge and Lambda-action examples,
 * and reasons captured from real alarms (SNS messages, DescribeAlarms and EventBridge payloads), e.g.
 * <ul>
 *   <li>{@code Threshold Crossed: 3 out of the last 5 datapoints [0.0 (21/12/21 06:45:00), 0.0 (21/12/21 06:44:00),
 *       0.0 (21/12/21 06:42:00)] were not greater than the threshold (0.0) (minimum 3 datapoints for ALARM -> OK
 *       transition).}</li>
 *   <li>{@code Threshold Crossed: 1 out of the last 20 datapoints [613.0 (16/03/24 12:15:00)] was greater than or
 *       equal to the threshold (1.0) and 19 missing datapoints were treated as [NonBreaching] (minimum 1 datapoint
 *       for OK -> ALARM transition).}</li>
 *   <li>{@code Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as
 *       [Breaching].}</li>
 *   <li>{@code Insufficient Data: 5 datapoints were unknown.}</li>
 * </ul>
 * CloudWatch words alarms created without DatapointsToAlarm differently ({@code 1 datapoint [..] was greater than
 * the threshold (0.0).}); a Trailwatch definition always carries DatapointsToAlarm, so only the "M out of N"
 * wording, the one CloudWatch uses when DatapointsToAlarm is set, is produced.
 */
public final class Reasons {

    private Reasons() {
    }

    /** The reason of a newly created alarm. */
    public static String initialCreation() {
        return "Unchecked: Initial alarm creation";
    }

    /** INSUFFICIENT_DATA: the evaluated periods that could not be filled in ({@code missing} treatment). */
    public static String insufficientData(final int unknownDatapoints) {
        return "Insufficient Data: " + count(unknownDatapoints, "datapoint") + " " + verb(unknownDatapoints)
            + " unknown.";
    }

    /** Every period of the evaluation range missing, each evaluated period filled in as breaching or not. */
    public static String noDatapoints(final int evaluationPeriods, final TreatMissingData treatedAs) {
        return "Threshold Crossed: no datapoints were received for " + count(evaluationPeriods, "period") + " and "
            + count(evaluationPeriods, "missing datapoint") + " " + verb(evaluationPeriods) + " treated as ["
            + label(treatedAs) + "].";
    }

    /**
     * A composite alarm's reason, naming the child whose state change settled the rule (User Guide, Lambda action
     * example: {@code arn:aws:cloudwatch:us-east-1:111122223333:alarm:CompositeDemo.FirstChild transitioned to
     * ALARM at Friday 04 August, 2023 12:54:46 UTC}).
     */
    public static String compositeTransition(final String childArn, final AlarmStateValue childState,
                                             final Instant childStateTime) {
        return childArn + " transitioned to " + childState + " at " + CloudWatchFormats.compositeTime(childStateTime);
    }

    static String describe(final Decision decision, final MetricAlarmDefinition alarm) {
        return switch (decision.kind()) {
            case THRESHOLD_CROSSED -> thresholdCrossed(decision, alarm);
            case NO_DATAPOINTS -> noDatapoints(alarm.evaluationPeriods(), alarm.effectiveTreatMissingData());
            case INSUFFICIENT_DATA -> insufficientData(decision.unknown().size());
            case RETAINED -> retained(decision.unknown().size());
        };
    }

    /**
     * Lists only the datapoints on the deciding side of the threshold (breaching ones for ALARM, the others for
     * OK), newest first; filled-in periods are counted in their own clause, as in the captured
     * "... and 19 missing datapoints were treated as [NonBreaching] ..." reason.
     */
    private static String thresholdCrossed(final Decision decision, final MetricAlarmDefinition alarm) {
        final boolean toAlarm = decision.alarming();
        final List<PeriodSlot> deciding = decision.evaluated().stream()
            .filter(point -> alarm.comparisonOperator().breaches(point.value(), alarm.threshold()) == toAlarm)
            .toList();
        final StringBuilder reason = new StringBuilder("Threshold Crossed: ")
            .append(deciding.size()).append(" out of the last ").append(alarm.evaluationPeriods())
            .append(" datapoints [").append(listed(deciding)).append("] ").append(verb(deciding.size())).append(' ')
            .append(toAlarm ? "" : "not ").append(alarm.comparisonOperator().phrase())
            .append(" the threshold (").append(CloudWatchFormats.number(alarm.threshold())).append(')');
        final int filled = decision.filled().size();
        if (filled > 0) {
            reason.append(" and ").append(count(filled, "missing datapoint")).append(' ').append(verb(filled))
                .append(" treated as [").append(label(alarm.effectiveTreatMissingData())).append(']');
        }
        final int minimum = minimumFor(toAlarm, alarm);
        return reason.append(" (minimum ").append(count(minimum, "datapoint")).append(" for ")
            .append(toAlarm ? "OK -> ALARM" : "ALARM -> OK").append(" transition).").toString();
    }

    /**
     * Not a CloudWatch text: an ignored evaluation keeps the current state, so no transition and no reason is
     * published. It exists so that every Evaluation says why it came out as it did.
     */
    static String retained(final int unknownDatapoints) {
        return "Unchanged: " + count(unknownDatapoints, "missing datapoint") + " " + verb(unknownDatapoints)
            + " treated as [" + label(TreatMissingData.ignore) + "].";
    }

    /**
     * How many datapoints a transition needs: M breaching for OK -> ALARM, and N - M + 1 non-breaching for
     * ALARM -> OK (the fewest that leave fewer than M breaching), as in the captured 3-of-5 reason above.
     */
    static int minimumFor(final boolean toAlarm, final MetricAlarmDefinition alarm) {
        return toAlarm ? alarm.datapointsToAlarm() : alarm.evaluationPeriods() - alarm.datapointsToAlarm() + 1;
    }

    private static String listed(final List<PeriodSlot> points) {
        return points.stream()
            .map(point -> CloudWatchFormats.number(point.value()) + " (" + CloudWatchFormats.reasonTime(point.start())
                + ")")
            .collect(Collectors.joining(", "));
    }

    private static String label(final TreatMissingData treatment) {
        return switch (treatment) {
            case breaching -> "Breaching";
            case notBreaching -> "NonBreaching";
            case missing -> "Missing";
            case ignore -> "Ignore";
        };
    }

    private static String count(final int n, final String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String verb(final int n) {
        return n == 1 ? "was" : "were";
    }
}
