package io.trailwatch.processors.alarm;

import java.util.List;
import java.util.Map;

/** Builds metric alarm definitions for tests: a valid 3-of-3, 60 s, "CPU >= 80" alarm unless told otherwise. */
final class AlarmFixture {

    private String name = "cpu-high";
    private String description = "CPU above 80% for 3 minutes";
    private String namespace = "AWS/EC2";
    private String metricName = "CPUUtilization";
    private Map<String, String> dimensions = Map.of("InstanceId", "i-0123456789abcdef0");
    private String statistic = "Average";
    private String extendedStatistic;
    private int period = 60;
    private int evaluationPeriods = 3;
    private int datapointsToAlarm = 3;
    private double threshold = 80.0;
    private ComparisonOperator operator = ComparisonOperator.GreaterThanOrEqualToThreshold;
    private TreatMissingData treatMissingData = TreatMissingData.missing;
    private List<String> alarmActions = List.of("arn:aws:sns:us-east-1:111122223333:page-me");
    private List<String> okActions = List.of();
    private List<String> insufficientDataActions = List.of();
    private String unit;

    static AlarmFixture alarm() {
        return new AlarmFixture();
    }

    AlarmFixture name(final String value) {
        name = value;
        return this;
    }

    AlarmFixture description(final String value) {
        description = value;
        return this;
    }

    AlarmFixture namespace(final String value) {
        namespace = value;
        return this;
    }

    AlarmFixture metricName(final String value) {
        metricName = value;
        return this;
    }

    AlarmFixture dimensions(final Map<String, String> value) {
        dimensions = value;
        return this;
    }

    AlarmFixture statistic(final String value) {
        statistic = value;
        return this;
    }

    AlarmFixture extendedStatistic(final String value) {
        extendedStatistic = value;
        return this;
    }

    AlarmFixture percentile(final String value) {
        statistic = null;
        extendedStatistic = value;
        return this;
    }

    AlarmFixture period(final int value) {
        period = value;
        return this;
    }

    AlarmFixture mOutOfN(final int m, final int n) {
        datapointsToAlarm = m;
        evaluationPeriods = n;
        return this;
    }

    AlarmFixture threshold(final double value) {
        threshold = value;
        return this;
    }

    AlarmFixture operator(final ComparisonOperator value) {
        operator = value;
        return this;
    }

    AlarmFixture treatMissingData(final TreatMissingData value) {
        treatMissingData = value;
        return this;
    }

    AlarmFixture alarmActions(final List<String> value) {
        alarmActions = value;
        return this;
    }

    AlarmFixture okActions(final List<String> value) {
        okActions = value;
        return this;
    }

    AlarmFixture insufficientDataActions(final List<String> value) {
        insufficientDataActions = value;
        return this;
    }

    AlarmFixture unit(final String value) {
        unit = value;
        return this;
    }

    MetricAlarmDefinition build() {
        return new MetricAlarmDefinition(name, description, namespace, metricName, dimensions, statistic,
            extendedStatistic, period, evaluationPeriods, datapointsToAlarm, threshold, operator, treatMissingData,
            true, alarmActions, okActions, insufficientDataActions, unit);
    }
}
