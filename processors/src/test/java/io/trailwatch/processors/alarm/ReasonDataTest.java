package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.alarm.AlarmFixture.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** StateReasonData JSON, reproducing reason data captured from real CloudWatch alarms character for character. */
class ReasonDataTest {

    @Test
    void okWithUnitStatisticAndSampleCount() {
        // Captured (EC2 StatusCheckFailed_System, DescribeAlarms, 2023).
        final MetricAlarmDefinition definition = alarm().mOutOfN(1, 1).statistic("Minimum").unit("Count")
            .threshold(1.0).build().validate();
        final NavigableMap<Instant, Datapoint> points = new TreeMap<>();
        points.put(Instant.parse("2023-04-07T09:08:00Z"), new Datapoint(0.0, 1.0));

        final Evaluation evaluation = MetricAlarmEvaluator.evaluateDatapoints(definition,
            AlarmStateValue.INSUFFICIENT_DATA, points, Instant.parse("2023-04-07T09:09:15.917Z"));

        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2023-04-07T09:09:15.917+0000\","
            + "\"startDate\":\"2023-04-07T09:08:00.000+0000\",\"unit\":\"Count\",\"statistic\":\"Minimum\",\"period\":60,"
            + "\"recentDatapoints\":[0.0],\"threshold\":1.0,\"evaluatedDatapoints\":[{\"timestamp\":"
            + "\"2023-04-07T09:08:00.000+0000\",\"sampleCount\":1.0,\"value\":0.0}]}");
    }

    @Test
    void alarmListsTheMBreachingDatapointsAndRecentDatapointsOldestFirst() {
        // Captured (EventBridge, 2021): a 2-of-2 LessThanThreshold alarm.
        final MetricAlarmDefinition definition = alarm().mOutOfN(2, 2).threshold(40.0)
            .operator(ComparisonOperator.LessThanThreshold).build();
        final NavigableMap<Instant, Datapoint> points = new TreeMap<>();
        points.put(Instant.parse("2021-04-13T15:43:00Z"), new Datapoint(0.017077552154660225, 1.0));
        points.put(Instant.parse("2021-04-13T15:44:00Z"), new Datapoint(0.017910949885845184, 1.0));

        final Evaluation evaluation = MetricAlarmEvaluator.evaluateDatapoints(definition, AlarmStateValue.OK, points,
            Instant.parse("2021-04-13T15:46:16.506Z"));

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 2 out of the last 2 datapoints "
            + "[0.017910949885845184 (13/04/21 15:44:00), 0.017077552154660225 (13/04/21 15:43:00)] were less than "
            + "the threshold (40.0) (minimum 2 datapoints for OK -> ALARM transition).");
        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2021-04-13T15:46:16.506+0000\","
            + "\"startDate\":\"2021-04-13T15:43:00.000+0000\",\"statistic\":\"Average\",\"period\":60,"
            + "\"recentDatapoints\":[0.017077552154660225,0.017910949885845184],\"threshold\":40.0,"
            + "\"evaluatedDatapoints\":[{\"timestamp\":\"2021-04-13T15:44:00.000+0000\",\"sampleCount\":1.0,"
            + "\"value\":0.017910949885845184},{\"timestamp\":\"2021-04-13T15:43:00.000+0000\",\"sampleCount\":1.0,"
            + "\"value\":0.017077552154660225}]}");
    }

    @Test
    void okListsOnlyTheNewestNMinusMPlusOneNonBreachingDatapoints() {
        // Captured (EventBridge, 2021): the same alarm's recovery evaluates one datapoint of two.
        final MetricAlarmDefinition definition = alarm().mOutOfN(2, 2).threshold(40.0)
            .operator(ComparisonOperator.GreaterThanThreshold).build();
        final NavigableMap<Instant, Datapoint> points = new TreeMap<>();
        points.put(Instant.parse("2021-04-13T16:03:00Z"), new Datapoint(0.01575357001274824, 1.0));
        points.put(Instant.parse("2021-04-13T16:04:00Z"), new Datapoint(0.01758096118768056, 1.0));

        final Evaluation evaluation = MetricAlarmEvaluator.evaluateDatapoints(definition, AlarmStateValue.ALARM,
            points, Instant.parse("2021-04-13T16:06:38.066Z"));

        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2021-04-13T16:06:38.066+0000\","
            + "\"startDate\":\"2021-04-13T16:03:00.000+0000\",\"statistic\":\"Average\",\"period\":60,"
            + "\"recentDatapoints\":[0.01575357001274824,0.01758096118768056],\"threshold\":40.0,"
            + "\"evaluatedDatapoints\":[{\"timestamp\":\"2021-04-13T16:04:00.000+0000\",\"sampleCount\":1.0,"
            + "\"value\":0.01758096118768056}]}");
    }

    @Test
    void insufficientDataListsTheUnknownPeriodsAsBareTimestamps() {
        // User Guide, Lambda alarm action example.
        final MetricAlarmDefinition definition = alarm().mOutOfN(5, 5).threshold(5.0).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, new TreeMap<>(),
            Instant.parse("2023-08-04T12:31:29.591Z"));

        assertThat(evaluation.reason()).isEqualTo("Insufficient Data: 5 datapoints were unknown.");
        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2023-08-04T12:31:29.591+0000\","
            + "\"statistic\":\"Average\",\"period\":60,\"recentDatapoints\":[],\"threshold\":5.0,"
            + "\"evaluatedDatapoints\":[{\"timestamp\":\"2023-08-04T12:30:00.000+0000\"},"
            + "{\"timestamp\":\"2023-08-04T12:29:00.000+0000\"},{\"timestamp\":\"2023-08-04T12:28:00.000+0000\"},"
            + "{\"timestamp\":\"2023-08-04T12:27:00.000+0000\"},{\"timestamp\":\"2023-08-04T12:26:00.000+0000\"}]}");
    }

    @Test
    void noDatapointsHasNoStartDateAndFilledPeriodsAsBareTimestamps() {
        // Captured (Lambda Errors, 2018): "...\"unit\":\"Count\",\"statistic\":\"Sum\",\"period\":60,
        // \"recentDatapoints\":[],\"threshold\":0.0}"; evaluatedDatapoints was added to the format later.
        final MetricAlarmDefinition definition = alarm().mOutOfN(1, 1).statistic("Sum").unit("Count").threshold(0.0)
            .operator(ComparisonOperator.GreaterThanThreshold).treatMissingData(TreatMissingData.notBreaching).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.ALARM, new TreeMap<>(),
            Instant.parse("2018-09-16T00:22:56.053Z"));

        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2018-09-16T00:22:56.053+0000\","
            + "\"unit\":\"Count\",\"statistic\":\"Sum\",\"period\":60,\"recentDatapoints\":[],\"threshold\":0.0,"
            + "\"evaluatedDatapoints\":[{\"timestamp\":\"2018-09-16T00:21:00.000+0000\"}]}");
    }

    @Test
    void filledBreachingPeriodsCountOnTheAlarmSide() {
        final MetricAlarmDefinition definition = alarm().treatMissingData(TreatMissingData.breaching).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
            Periods.pattern("- - - X -"), Periods.NOW);

        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2021-11-26T13:46:30.000+0000\","
            + "\"startDate\":\"2021-11-26T13:44:00.000+0000\",\"statistic\":\"Average\",\"period\":60,"
            + "\"recentDatapoints\":[90.0],\"threshold\":80.0,\"evaluatedDatapoints\":["
            + "{\"timestamp\":\"2021-11-26T13:45:00.000+0000\"},{\"timestamp\":\"2021-11-26T13:44:00.000+0000\","
            + "\"value\":90.0},{\"timestamp\":\"2021-11-26T13:43:00.000+0000\"}]}");
    }

    @Test
    void aPercentileAlarmNamesItsExtendedStatistic() {
        final MetricAlarmDefinition definition = alarm().percentile("p99").mOutOfN(1, 1).unit("Milliseconds")
            .threshold(250.0).build().validate();
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        points.put(Periods.NEWEST, 312.5);

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, points,
            Periods.NOW);

        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2021-11-26T13:46:30.000+0000\","
            + "\"startDate\":\"2021-11-26T13:45:00.000+0000\",\"unit\":\"Milliseconds\",\"extendedStatistic\":\"p99\","
            + "\"period\":60,\"recentDatapoints\":[312.5],\"threshold\":250.0,\"evaluatedDatapoints\":["
            + "{\"timestamp\":\"2021-11-26T13:45:00.000+0000\",\"value\":312.5}]}");
    }

    @Test
    void recentDatapointsAreTheNewestNRealOnesWhenThereAreEnough() {
        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(alarm().build(), AlarmStateValue.OK,
            Periods.pattern("0 X - X X"), Periods.NOW);

        assertThat(evaluation.reasonData()).contains("\"startDate\":\"2021-11-26T13:42:00.000+0000\"",
            "\"recentDatapoints\":[90.0,90.0,90.0]");
    }
}
