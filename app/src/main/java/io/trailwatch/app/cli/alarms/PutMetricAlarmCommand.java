package io.trailwatch.app.cli.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import io.trailwatch.app.cli.Shorthand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch put-metric-alarm}: PutMetricAlarm, as the AWS CLI's {@code aws cloudwatch put-metric-alarm}. */
@Command(name = "put-metric-alarm", mixinStandardHelpOptions = true,
    description = {"Create or update a metric alarm. A new alarm starts in INSUFFICIENT_DATA; an update keeps the "
        + "alarm's state. Invalid parameters are rejected, naming the parameter (exit code 2)."})
public final class PutMetricAlarmCommand extends ApiCommand {

    @Mixin
    AlarmActionsOptions alarm;

    @Option(names = "--metric-name", paramLabel = "NAME", description = "The metric.")
    String metricName;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "The metric's namespace.")
    String namespace;

    @Option(names = "--statistic", paramLabel = "STATISTIC",
        description = "SampleCount, Average, Sum, Minimum or Maximum.")
    String statistic;

    @Option(names = "--extended-statistic", paramLabel = "pNN", description = "A percentile, e.g. p99.")
    String extendedStatistic;

    @Option(names = "--dimensions", arity = "1..*", paramLabel = "Name=N,Value=V",
        description = "The metric's dimensions: Name=InstanceId,Value=i-1 ... or JSON.")
    List<String> dimensions;

    @Option(names = "--period", paramLabel = "SECONDS", description = "10, 20, 30 or a multiple of 60.")
    Integer period;

    @Option(names = "--unit", paramLabel = "UNIT", description = "The metric's unit, e.g. Percent.")
    String unit;

    @Option(names = "--evaluation-periods", paramLabel = "N", description = "The N of M out of N.")
    Integer evaluationPeriods;

    @Option(names = "--datapoints-to-alarm", paramLabel = "M", description = "The M of M out of N (default: N).")
    Integer datapointsToAlarm;

    @Option(names = "--threshold", paramLabel = "VALUE", description = "The threshold.")
    Double threshold;

    @Option(names = "--comparison-operator", paramLabel = "OPERATOR", description = "GreaterThanOrEqualToThreshold, "
        + "GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold.")
    String comparisonOperator;

    @Option(names = "--treat-missing-data", paramLabel = "HOW",
        description = "missing (default), notBreaching, breaching or ignore.")
    String treatMissingData;

    @Override
    public Integer call() {
        final ApiCall api = api("PutMetricAlarm");
        final ObjectNode body = alarm.body();
        put(body, "MetricName", metricName);
        put(body, "Namespace", namespace);
        put(body, "Statistic", statistic);
        put(body, "ExtendedStatistic", extendedStatistic);
        if (dimensions != null) {
            try {
                body.set("Dimensions", Shorthand.structures("--dimensions", dimensions));
            } catch (final Shorthand.InvalidException e) {
                return api.invalid(e.getMessage());
            }
        }
        if (period != null) {
            body.put("Period", period);
        }
        put(body, "Unit", unit);
        if (evaluationPeriods != null) {
            body.put("EvaluationPeriods", evaluationPeriods);
        }
        if (datapointsToAlarm != null) {
            body.put("DatapointsToAlarm", datapointsToAlarm);
        }
        if (threshold != null) {
            body.put("Threshold", threshold);
        }
        put(body, "ComparisonOperator", comparisonOperator);
        put(body, "TreatMissingData", treatMissingData);
        return api.put("/v1/alarms/" + ApiCall.segment(alarm.alarmName), body).exitCode();
    }

    private static void put(final ObjectNode body, final String field, final String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
