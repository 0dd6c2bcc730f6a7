package io.trailwatch.processors.alarm.topology;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlarmTopologyTest {

    static final String BUCKET_DELETED = """
        {"alarmName": "S3BucketDeleted", "namespace": "Security", "metricName": "DeleteBucketCount",
         "statistic": "Sum", "period": 60, "evaluationPeriods": 1, "datapointsToAlarm": 1, "threshold": 1,
         "comparisonOperator": "GreaterThanOrEqualToThreshold", "treatMissingData": "notBreaching"}""";

    private static final AlarmSettings SETTINGS = new AlarmSettings(Duration.ofSeconds(7), Duration.ofSeconds(1), 1);

    private final TopologyHarness harness = new TopologyHarness();
    private TestInputTopic<String, MetricStatistics> stats;
    private TestOutputTopic<String, AlarmStateChange> alarms;

    private void start() {
        harness.start(AlarmTopology.build(harness.serdes(), SETTINGS));
        stats = harness.input(Topics.METRIC_STATS);
        alarms = harness.output(Topics.ALARMS);
        harness.define(DefinitionKind.METRIC_ALARM, BUCKET_DELETED);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    static MetricStatistics deleteBucketSum(final Instant periodStart, final double sum) {
        return MetricStatistics.newBuilder().setNamespace("Security").setMetricName("DeleteBucketCount")
            .setDimensions(List.of()).setUnit("Count").setPeriodStart(periodStart).setPeriodSeconds(60)
            .setSampleCount(sum).setSum(sum).setMinimum(1).setMaximum(1).setAverage(1).build();
    }

    @Test
    void goesToAlarmWhenAClosedPeriodBreachesAndBackToOkWhenDataStops() {
        start();
        harness.driver().advanceWallClockTime(Duration.ofSeconds(65));
        stats.pipeInput("k", deleteBucketSum(START, 1), START);

        final AlarmStateChange alarm = alarms.readValuesToList().stream()
            .filter(change -> change.getState().getValue() == AlarmStateValue.ALARM).findFirst().orElseThrow();
        assertThat(alarm.getAlarmName()).isEqualTo("S3BucketDeleted");
        assertThat(alarm.getState().getReason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints "
            + "[1.0 (21/11/26 10:00:00)] was greater than or equal to the threshold (1.0) "
            + "(minimum 1 datapoint for OK -> ALARM transition).");
        assertThat(alarm.getConfiguration().getStatistic()).isEqualTo("Sum");

        // CloudWatch evaluates a range of N + 2 periods and, when it holds N real datapoints, ignores missing data:
        // the breaching datapoint of [0 s, 60 s) keeps the alarm in ALARM until it leaves the range, i.e. until
        // [180 s, 240 s) is the newest period, evaluated 7 s (the evaluation delay) after it ends.
        harness.driver().advanceWallClockTime(Duration.ofSeconds(181)); // wall clock 246 s
        assertThat(alarms.isEmpty()).isTrue();
        harness.driver().advanceWallClockTime(Duration.ofSeconds(2)); // 248 s

        final List<AlarmStateChange> after = alarms.readValuesToList();
        assertThat(after).singleElement().satisfies(ok -> {
            assertThat(ok.getPreviousState().getValue()).isEqualTo(AlarmStateValue.ALARM);
            assertThat(ok.getState().getValue()).isEqualTo(AlarmStateValue.OK);
        });
    }

    @Test
    void emitsNothingWhileTheStateStaysTheSame() {
        start();
        harness.driver().advanceWallClockTime(Duration.ofSeconds(65));
        stats.pipeInput("k", deleteBucketSum(START, 1), START);
        alarms.readValuesToList();
        harness.driver().advanceWallClockTime(Duration.ofSeconds(60));
        stats.pipeInput("k", deleteBucketSum(START.plusSeconds(60), 2), START.plusSeconds(60));
        final List<AlarmStateChange> changes = alarms.readValuesToList();

        assertThat(changes).extracting(change -> change.getState().getValue())
            .doesNotHaveDuplicates()
            .allSatisfy(state -> assertThat(state).isIn(AlarmStateValue.OK, AlarmStateValue.ALARM));
    }

    @Test
    void transitionIdsAreTheSameWhenTheSameHistoryIsReplayed() {
        final List<String> first = runScenarioIds();
        harness.close();
        final List<String> replay = runScenarioIds();

        assertThat(replay).isEqualTo(first).doesNotHaveDuplicates().isNotEmpty();
    }

    private List<String> runScenarioIds() {
        start();
        harness.driver().advanceWallClockTime(Duration.ofSeconds(65));
        stats.pipeInput("k", deleteBucketSum(START, 1), START);
        harness.driver().advanceWallClockTime(Duration.ofSeconds(60));
        return alarms.readValuesToList().stream().map(AlarmStateChange::getId).toList();
    }
}
