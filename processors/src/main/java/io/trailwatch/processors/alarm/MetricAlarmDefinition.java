package io.trailwatch.processors.alarm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A metric alarm on one metric with a static threshold, with PutMetricAlarm's parameters.
 *
 * <p>The constructor only normalises (defaults, defensive copies, dimensions sorted by name); it accepts anything so
 * that {@link #validate()} can report the first problem by its AWS field name, as PutMetricAlarm does.
 *
 * @param alarmName               AlarmName
 * @param alarmDescription        AlarmDescription, nullable
 * @param namespace               Namespace
 * @param metricName              MetricName
 * @param dimensions              Dimensions, name to value, sorted by name; null means none
 * @param statistic               Statistic (SampleCount, Average, Sum, Minimum, Maximum), or null
 * @param extendedStatistic       ExtendedStatistic (a percentile such as p99 or p99.9), or null
 * @param period                  Period in seconds
 * @param evaluationPeriods       EvaluationPeriods, the N of "M out of N"
 * @param datapointsToAlarm       DatapointsToAlarm, the M of "M out of N"; 0 means not given, and then, as in
 *                                PutMetricAlarm, M is EvaluationPeriods (0 is also what a JSON reader passes for an
 *                                absent number, so an omitted DatapointsToAlarm gets AWS's default)
 * @param threshold               Threshold
 * @param comparisonOperator      ComparisonOperator
 * @param treatMissingData        TreatMissingData; null means the API default, {@code missing}
 * @param actionsEnabled          ActionsEnabled
 * @param alarmActions            AlarmActions (ARNs); null means none
 * @param okActions               OKActions (ARNs); null means none
 * @param insufficientDataActions InsufficientDataActions (ARNs); null means none
 * @param unit                    Unit, nullable
 */
public record MetricAlarmDefinition(String alarmName, String alarmDescription, String namespace, String metricName,
                                    Map<String, String> dimensions, String statistic, String extendedStatistic,
                                    int period, int evaluationPeriods, int datapointsToAlarm, double threshold,
                                    ComparisonOperator comparisonOperator, TreatMissingData treatMissingData,
                                    boolean actionsEnabled, List<String> alarmActions, List<String> okActions,
                                    List<String> insufficientDataActions, String unit) {

    public MetricAlarmDefinition {
        datapointsToAlarm = datapointsToAlarm == 0 ? evaluationPeriods : datapointsToAlarm;
        dimensions = sortedCopy(dimensions);
        treatMissingData = treatMissingData == null ? TreatMissingData.defaultPolicy() : treatMissingData;
        alarmActions = listCopy(alarmActions);
        okActions = listCopy(okActions);
        insufficientDataActions = listCopy(insufficientDataActions);
    }

    /**
     * Checks every parameter as PutMetricAlarm does and returns this definition unchanged.
     *
     * @throws io.trailwatch.schemas.json.InvalidRecordException naming the first offending AWS field
     */
    public MetricAlarmDefinition validate() {
        PutMetricAlarmRules.check(this);
        return this;
    }

    /** The statistic the alarm evaluates: {@code statistic}, or {@code extendedStatistic} when that is the one set. */
    public String statisticName() {
        return statistic != null ? statistic : extendedStatistic;
    }

    /**
     * How missing data is actually treated: the API reference says alarms on AWS/DynamoDB metrics "always ignore
     * missing data even if you choose a different option".
     */
    public TreatMissingData effectiveTreatMissingData() {
        return "AWS/DynamoDB".equals(namespace) ? TreatMissingData.ignore : treatMissingData;
    }

    // Null names sort first instead of failing here, so validate() can report them as a Dimensions problem.
    private static SortedMap<String, String> sortedCopy(final Map<String, String> source) {
        final TreeMap<String, String> sorted = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        if (source != null) {
            sorted.putAll(source);
        }
        return Collections.unmodifiableSortedMap(sorted);
    }

    // List.copyOf would reject null elements before validate() could name the field.
    private static List<String> listCopy(final List<String> source) {
        return source == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(source));
    }
}
