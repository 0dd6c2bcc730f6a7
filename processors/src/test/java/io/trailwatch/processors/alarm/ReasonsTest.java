package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.alarm.AlarmFixture.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** StateReason texts, most reproducing a reason captured from a real CloudWatch alarm word for word. */
class ReasonsTest {

    @Test
    void threeOutOfThreeListsTheBreachingDatapointsNewestFirst() {
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        points.put(Instant.parse("2026-11-21T13:43:00Z"), 90.5);
        points.put(Instant.parse("2026-11-21T13:44:00Z"), 91.0);
        points.put(Instant.parse("2026-11-21T13:45:00Z"), 92.0);

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(alarm().build(), AlarmStateValue.OK, points,
            Instant.parse("2026-11-21T13:46:10Z"));

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 3 out of the last 3 datapoints "
            + "[92.0 (21/11/26 13:45:00), 91.0 (21/11/26 13:44:00), 90.5 (21/11/26 13:43:00)] were greater than or "
            + "equal to the threshold (80.0) (minimum 3 datapoints for OK -> ALARM transition).");
    }

    @Test
    void oneOutOfOneIsSingularAndPrintsTheValueAsJavaDoes() {
        // User Guide, CloudWatch events example.
        final Evaluation evaluation = single(ComparisonOperator.GreaterThanThreshold, 50.0, 99.50160229693434,
            "2019-10-02T16:59:00Z", "2019-10-02T17:00:40.985Z");

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints "
            + "[99.50160229693434 (02/10/19 16:59:00)] was greater than the threshold (50.0) "
            + "(minimum 1 datapoint for OK -> ALARM transition).");
    }

    @Test
    void recoverySaysWasNot() {
        final Evaluation evaluation = single(ComparisonOperator.GreaterThanThreshold, 50.0, 12.0,
            "2019-10-02T16:59:00Z", "2019-10-02T17:00:40.985Z");

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.OK);
        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints "
            + "[12.0 (02/10/19 16:59:00)] was not greater than the threshold (50.0) "
            + "(minimum 1 datapoint for ALARM -> OK transition).");
    }

    @Test
    void lessThanOrEqualToAlarmFromInsufficientDataStillNamesTheOkToAlarmTransition() {
        // Captured (RDS CPU, 2024): "... was less than or equal to the threshold (20.0) (minimum 1 datapoint for
        // OK -> ALARM transition)." and (Lambda, 2022) the same wording for an INSUFFICIENT_DATA -> ALARM change.
        final Evaluation evaluation = single(ComparisonOperator.LessThanOrEqualToThreshold, 20.0, 3.4666088898518357,
            "2024-04-23T20:44:00Z", "2024-04-23T20:45:27.367Z", AlarmStateValue.INSUFFICIENT_DATA);

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints "
            + "[3.4666088898518357 (23/04/24 20:44:00)] was less than or equal to the threshold (20.0) "
            + "(minimum 1 datapoint for OK -> ALARM transition).");
    }

    @Test
    void twoOutOfTwoRecoveryNeedsOneDatapoint() {
        // Captured (EventBridge, 2021), including the gap CloudWatch left at 16:05.
        final MetricAlarmDefinition definition = alarm().mOutOfN(2, 2).threshold(40.0)
            .operator(ComparisonOperator.GreaterThanThreshold).build();
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        points.put(Instant.parse("2021-04-13T16:03:00Z"), 0.01575357001274824);
        points.put(Instant.parse("2021-04-13T16:04:00Z"), 0.01758096118768056);

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.ALARM, points,
            Instant.parse("2021-04-13T16:06:38.066Z"));

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 2 out of the last 2 datapoints "
            + "[0.01758096118768056 (13/04/21 16:04:00), 0.01575357001274824 (13/04/21 16:03:00)] were not greater "
            + "than the threshold (40.0) (minimum 1 datapoint for ALARM -> OK transition).");
    }

    @Test
    void filledInPeriodsGetTheirOwnClause() {
        // Captured (WAF, 2024): a 1-of-20 alarm with one real datapoint.
        final MetricAlarmDefinition definition = alarm().mOutOfN(1, 20).threshold(1.0)
            .treatMissingData(TreatMissingData.notBreaching).build().validate();
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        points.put(Instant.parse("2024-03-16T12:15:00Z"), 613.0);

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, points,
            Instant.parse("2024-03-16T12:16:45.770Z"));

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 1 out of the last 20 datapoints "
            + "[613.0 (16/03/24 12:15:00)] was greater than or equal to the threshold (1.0) and 19 missing "
            + "datapoints were treated as [NonBreaching] (minimum 1 datapoint for OK -> ALARM transition).");
    }

    @Test
    void filledInBreachingPeriodsAreMentionedOnRecoveryToo() {
        // Captured without DatapointsToAlarm (2026): "1 datapoint [1.0 (26/08/26 16:16:00)] was not less than the
        // threshold (1.0) and 2 missing datapoints were treated as [Breaching]."; this is its M-out-of-N wording.
        final MetricAlarmDefinition definition = alarm().threshold(1.0).operator(ComparisonOperator.LessThanThreshold)
            .treatMissingData(TreatMissingData.breaching).build();
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        points.put(Instant.parse("2026-08-26T16:16:00Z"), 1.0);

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.ALARM, points,
            Instant.parse("2026-08-26T16:17:41Z"));

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.OK);
        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 1 out of the last 3 datapoints "
            + "[1.0 (26/08/26 16:16:00)] was not less than the threshold (1.0) and 2 missing datapoints were treated "
            + "as [Breaching] (minimum 1 datapoint for ALARM -> OK transition).");
    }

    @Test
    void aNonBreachingFillCanDecideWithNoRealDatapointOnItsSide() {
        final MetricAlarmDefinition definition = alarm().treatMissingData(TreatMissingData.notBreaching).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.ALARM,
            Periods.pattern("- - - - X"), Periods.NOW);

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 0 out of the last 3 datapoints [] were not "
            + "greater than or equal to the threshold (80.0) and 2 missing datapoints were treated as [NonBreaching] "
            + "(minimum 1 datapoint for ALARM -> OK transition).");
    }

    @ParameterizedTest(name = "{0} periods as {1}")
    @CsvSource({
        "1, breaching, 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was "
            + "treated as [Breaching].'",
        "1, notBreaching, 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was "
            + "treated as [NonBreaching].'",
        "3, breaching, 'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were "
            + "treated as [Breaching].'",
        "8, breaching, 'Threshold Crossed: no datapoints were received for 8 periods and 8 missing datapoints were "
            + "treated as [Breaching].'",
    })
    void noDatapointsAtAll(final int periods, final TreatMissingData treatment, final String expected) {
        final MetricAlarmDefinition definition = alarm().mOutOfN(1, periods).treatMissingData(treatment).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, new TreeMap<>(),
            Periods.NOW);

        assertThat(evaluation.reason()).isEqualTo(expected).isEqualTo(Reasons.noDatapoints(periods, treatment));
    }

    @ParameterizedTest(name = "{0} unknown")
    @CsvSource({
        "1, 'Insufficient Data: 1 datapoint was unknown.'",
        "5, 'Insufficient Data: 5 datapoints were unknown.'",
        "10, 'Insufficient Data: 10 datapoints were unknown.'",
    })
    void insufficientDataCountsTheUnknownPeriods(final int periods, final String expected) {
        final MetricAlarmDefinition definition = alarm().mOutOfN(1, periods).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, new TreeMap<>(),
            Periods.NOW);

        assertThat(evaluation.reason()).isEqualTo(expected).isEqualTo(Reasons.insufficientData(periods));
    }

    @Test
    void anIgnoredEvaluationSaysWhyNothingChanged() {
        final MetricAlarmDefinition definition = alarm().treatMissingData(TreatMissingData.ignore).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.ALARM, new TreeMap<>(),
            Periods.NOW);

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(evaluation.reason()).isEqualTo("Unchanged: 3 missing datapoints were treated as [Ignore].");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "50.0, 50.0",
        "99.50160229693434, 99.50160229693434",
        "0.0001, 1.0E-4",
        "20000.0, 20000.0",
        "12345678.0, 1.2345678E7",
        "-3.5, -3.5",
    })
    void numbersAreSpelledAsJavaSpellsDoubles(final double threshold, final String spelled) {
        assertThat(CloudWatchFormats.number(threshold)).isEqualTo(spelled);
    }

    @Test
    void creationAndCompositeWordings() {
        assertThat(Reasons.initialCreation()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(Reasons.compositeTransition("arn:aws:cloudwatch:us-east-1:111122223333:alarm:CompositeDemo.First",
            AlarmStateValue.ALARM, Instant.parse("2023-08-04T12:54:46.138Z")))
            .isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:CompositeDemo.First transitioned to ALARM at "
                + "Friday 04 August, 2023 12:54:46 UTC");
    }

    private static Evaluation single(final ComparisonOperator operator, final double threshold, final double value,
                                     final String start, final String now) {
        return single(operator, threshold, value, start, now, AlarmStateValue.OK);
    }

    private static Evaluation single(final ComparisonOperator operator, final double threshold, final double value,
                                     final String start, final String now, final AlarmStateValue current) {
        final MetricAlarmDefinition definition = alarm().mOutOfN(1, 1).operator(operator).threshold(threshold).build();
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        points.put(Instant.parse(start), value);
        return MetricAlarmEvaluator.evaluate(definition, current, points, Instant.parse(now));
    }
}
