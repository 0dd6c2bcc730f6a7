package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.config.DefinitionShapes.BOOLEAN;
import static io.trailwatch.processors.config.DefinitionShapes.INTEGER;
import static io.trailwatch.processors.config.DefinitionShapes.NUMBER;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.either;
import static io.trailwatch.processors.config.DefinitionShapes.listOf;
import static io.trailwatch.processors.config.DefinitionShapes.mapOf;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionShapes.Shape;
import io.trailwatch.processors.config.DefinitionType;
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

    private static final Shape DIMENSION = object("a dimension", present("Name", STRING), present("Value", STRING));

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a metric alarm (PutMetricAlarm)",
        optional("AlarmName", STRING),
        optional("AlarmDescription", STRING),
        optional("Namespace", STRING),
        optional("MetricName", STRING),
        optional("Dimensions", either(listOf(DIMENSION), mapOf(STRING))),
        optional("Statistic", STRING),
        optional("ExtendedStatistic", STRING),
        present("Period", INTEGER),
        present("EvaluationPeriods", INTEGER),
        present("DatapointsToAlarm", INTEGER),
        present("Threshold", NUMBER),
        optional("ComparisonOperator", STRING),
        optional("TreatMissingData", STRING),
        present("ActionsEnabled", BOOLEAN),
        optional("AlarmActions", listOf(STRING)),
        optional("OKActions", listOf(STRING)),
        optional("InsufficientDataActions", listOf(STRING)),
        optional("Unit", STRING));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<MetricAlarmDefinition> TYPE = DefinitionType.of(
        DefinitionKind.METRIC_ALARM, MetricAlarmDefinition.class, SHAPE, MetricAlarmDefinition::alarmName,
        MetricAlarmDefinition::validate)
        .completedBy(AlarmDefaults::metricAlarm);

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
