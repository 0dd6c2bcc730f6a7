package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.alarm.AlarmFixture.alarm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricAlarmDefinitionTest {

    private static final String ARN = "arn:aws:sns:us-east-1:111122223333:topic";

    static Stream<Arguments> invalid() {
        return Stream.of(
            rejects("no name", a -> a.name(null), "AlarmName"),
            rejects("empty name", a -> a.name(""), "AlarmName"),
            rejects("256-character name", a -> a.name("n".repeat(256)), "AlarmName"),
            rejects("control character in name", a -> a.name("cpu\nhigh"), "AlarmName"),
            rejects("1025-character description", a -> a.description("d".repeat(1025)), "AlarmDescription"),
            rejects("6 OK actions", a -> a.okActions(Collections.nCopies(6, ARN)), "OKActions"),
            rejects("6 alarm actions", a -> a.alarmActions(Collections.nCopies(6, ARN)), "AlarmActions"),
            rejects("6 insufficient-data actions", a -> a.insufficientDataActions(Collections.nCopies(6, ARN)),
                "InsufficientDataActions"),
            rejects("action that is no ARN", a -> a.alarmActions(List.of(ARN, "page-me")), "AlarmActions.member.2"),
            rejects("null action", a -> a.okActions(Arrays.asList((String) null)), "OKActions.member.1"),
            rejects("no metric name", a -> a.metricName(null), "MetricName"),
            rejects("256-character metric name", a -> a.metricName("m".repeat(256)), "MetricName"),
            rejects("no namespace", a -> a.namespace(""), "Namespace"),
            rejects("namespace starting with ':'", a -> a.namespace(":custom"), "Namespace"),
            rejects("neither statistic", a -> a.statistic(null), "Statistic"),
            rejects("both statistics", a -> a.extendedStatistic("p99"), "Statistic"),
            rejects("unknown statistic", a -> a.statistic("Median"), "Statistic"),
            rejects("lower-case statistic", a -> a.statistic("average"), "Statistic"),
            rejects("trimmed mean", a -> a.percentile("tm90"), "ExtendedStatistic"),
            rejects("percentile over 100", a -> a.percentile("p100.1"), "ExtendedStatistic"),
            rejects("percentile with 11 decimals", a -> a.percentile("p99.12345678901"), "ExtendedStatistic"),
            rejects("31 dimensions", a -> a.dimensions(dimensions(31)), "Dimensions"),
            rejects("null dimension name", a -> a.dimensions(nullNamed()), "Dimensions.member.1.Name"),
            rejects("blank dimension value", a -> a.dimensions(Map.of("InstanceId", " ")),
                "Dimensions.member.1.Value"),
            rejects("non-ASCII dimension value", a -> a.dimensions(Map.of("Host", "café")),
                "Dimensions.member.1.Value"),
            rejects("dimension name starting with ':'", a -> a.dimensions(Map.of("A", "1", ":B", "2")),
                "Dimensions.member.1.Name"),
            rejects("1025-character dimension value", a -> a.dimensions(Map.of("K", "v".repeat(1025))),
                "Dimensions.member.1.Value"),
            rejects("period 0", a -> a.period(0), "Period"),
            rejects("period 15", a -> a.period(15), "Period"),
            rejects("period 90", a -> a.period(90), "Period"),
            rejects("period -60", a -> a.period(-60), "Period"),
            rejects("no evaluation periods", a -> a.mOutOfN(1, 0), "EvaluationPeriods"),
            rejects("negative datapoints to alarm", a -> a.mOutOfN(-1, 3), "DatapointsToAlarm"),
            rejects("M above N", a -> a.mOutOfN(4, 3), "DatapointsToAlarm"),
            rejects("over a day under an hour's period", a -> a.period(60).mOutOfN(1, 1441), "EvaluationPeriods"),
            rejects("over a day with 30 s", a -> a.period(30).mOutOfN(1, 2881), "EvaluationPeriods"),
            rejects("over seven days", a -> a.period(3600).mOutOfN(1, 169), "EvaluationPeriods"),
            rejects("NaN threshold", a -> a.threshold(Double.NaN), "Threshold"),
            rejects("infinite threshold", a -> a.threshold(Double.POSITIVE_INFINITY), "Threshold"),
            rejects("no comparison operator", a -> a.operator(null), "ComparisonOperator"),
            rejects("unknown unit", a -> a.unit("Furlongs"), "Unit"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalid")
    void rejectsWhatPutMetricAlarmRejectsNamingTheField(final String description,
                                                         final UnaryOperator<AlarmFixture> change,
                                                         final String field) {
        final InvalidRecordException error = catchThrowableOfType(InvalidRecordException.class,
            () -> change.apply(alarm()).build().validate());

        assertThat(error).as(description).isNotNull();
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.reason()).isNotBlank();
    }

    static Stream<Arguments> valid() {
        return Stream.of(
            accepts("the fixture", a -> a),
            accepts("255-character name", a -> a.name("n".repeat(255))),
            accepts("non-ASCII name", a -> a.name("Aurora PostgreSQL CPU 알람 (60%이상시)")),
            accepts("1024-character description", a -> a.description("d".repeat(1024))),
            accepts("no description", a -> a.description(null)),
            accepts("5 actions of each kind", a -> a.alarmActions(Collections.nCopies(5, ARN))
                .okActions(Collections.nCopies(5, ARN)).insufficientDataActions(Collections.nCopies(5, ARN))),
            accepts("EC2 and SSM incident actions", a -> a.alarmActions(List.of("arn:aws:automate:us-east-1:ec2:stop",
                "arn:aws:ssm-incidents::111122223333:responseplan/plan"))),
            accepts("30 dimensions", a -> a.dimensions(dimensions(30))),
            accepts("no dimensions", a -> a.dimensions(null)),
            accepts("period 10", a -> a.period(10)),
            accepts("period 20", a -> a.period(20)),
            accepts("period 30", a -> a.period(30)),
            accepts("period 120", a -> a.period(120)),
            accepts("exactly one day at 60 s", a -> a.period(60).mOutOfN(1, 1440)),
            accepts("exactly one day at 10 s", a -> a.period(10).mOutOfN(1, 8640)),
            accepts("exactly seven days at one hour", a -> a.period(3600).mOutOfN(1, 168)),
            accepts("more than a day at one hour", a -> a.period(3600).mOutOfN(1, 25)),
            accepts("M equal to N", a -> a.mOutOfN(5, 5)),
            accepts("M of 1", a -> a.mOutOfN(1, 5)),
            accepts("p99", a -> a.percentile("p99")),
            accepts("p99.9", a -> a.percentile("p99.9")),
            accepts("p0", a -> a.percentile("p0")),
            accepts("p100", a -> a.percentile("p100")),
            accepts("p50.1234567891", a -> a.percentile("p50.1234567891")),
            accepts("each statistic", a -> a.statistic("SampleCount")),
            accepts("Count/Second unit", a -> a.unit("Count/Second")),
            accepts("negative threshold", a -> a.threshold(-1.5)),
            accepts("default missing-data treatment", a -> a.treatMissingData(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsWhatPutMetricAlarmAccepts(final String description, final UnaryOperator<AlarmFixture> change) {
        final MetricAlarmDefinition definition = change.apply(alarm()).build();

        assertThatNoException().as(description).isThrownBy(definition::validate);
        assertThat(definition.validate()).isSameAs(definition);
    }

    @Test
    void normalisesDefaultsAndCopies() {
        final Map<String, String> dims = new LinkedHashMap<>();
        dims.put("Zone", "b");
        dims.put("AutoScalingGroupName", "web");
        final List<String> actions = new ArrayList<>(List.of(ARN));
        final MetricAlarmDefinition definition = new MetricAlarmDefinition("a", null, "ns", "m", dims, "Sum", null,
            60, 1, 1, 0.0, ComparisonOperator.GreaterThanThreshold, null, true, actions, null, null, null);
        dims.put("Late", "x");
        actions.clear();

        assertThat(definition.dimensions().keySet()).containsExactly("AutoScalingGroupName", "Zone");
        assertThat(definition.treatMissingData()).isEqualTo(TreatMissingData.missing);
        assertThat(definition.alarmActions()).containsExactly(ARN);
        assertThat(definition.okActions()).isEmpty();
        assertThat(definition.insufficientDataActions()).isEmpty();
    }

    @Test
    void omittedDatapointsToAlarmIsEvaluationPeriods() {
        assertThat(alarm().mOutOfN(0, 4).build().datapointsToAlarm()).isEqualTo(4);
    }

    @Test
    void statisticNameIsWhicheverStatisticIsSet() {
        assertThat(alarm().build().statisticName()).isEqualTo("Average");
        assertThat(alarm().percentile("p99.9").build().statisticName()).isEqualTo("p99.9");
    }

    @Test
    void missingDataIsIgnoredForDynamoDbWhateverTheSetting() {
        for (final TreatMissingData treatment : TreatMissingData.values()) {
            assertThat(alarm().namespace("AWS/DynamoDB").treatMissingData(treatment).build()
                .effectiveTreatMissingData()).isEqualTo(TreatMissingData.ignore);
            assertThat(alarm().treatMissingData(treatment).build().effectiveTreatMissingData()).isEqualTo(treatment);
        }
    }

    private static Arguments rejects(final String description, final UnaryOperator<AlarmFixture> change,
                                     final String field) {
        return Arguments.of(description, change, field);
    }

    private static Arguments accepts(final String description, final UnaryOperator<AlarmFixture> change) {
        return Arguments.of(description, change);
    }

    private static Map<String, String> dimensions(final int count) {
        final Map<String, String> dims = new HashMap<>();
        IntStream.range(0, count).forEach(i -> dims.put("Name" + i, "value" + i));
        return dims;
    }

    private static Map<String, String> nullNamed() {
        final Map<String, String> dims = new HashMap<>();
        dims.put(null, "value");
        return dims;
    }
}
