package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.alarm.AlarmFixture.alarm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MetricAlarmEvaluatorTest {

    @Test
    void aNewAlarmStartsInInsufficientDataUnchecked() {
        final Evaluation initial = Evaluation.initial();

        assertThat(initial.state()).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
        assertThat(initial.reason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(initial.reasonData()).isNull();
    }

    @Nested
    class WhichPeriods {

        @Test
        void theCurrentIncompletePeriodIsNotEvaluated() {
            final NavigableMap<Instant, Double> points = Periods.pattern("X X X");
            points.put(Periods.NEWEST.plusSeconds(60), 10.0);

            assertThat(state(alarm().build(), points, Periods.NOW)).isEqualTo(AlarmStateValue.ALARM);
        }

        @Test
        void aPeriodEndingExactlyNowIsComplete() {
            final NavigableMap<Instant, Double> points = Periods.pattern("X X X");
            points.put(Periods.NEWEST.plusSeconds(60), 10.0);

            assertThat(state(alarm().build(), points, Instant.parse("2021-11-26T13:47:00Z")))
                .isEqualTo(AlarmStateValue.OK);
            assertThat(state(alarm().build(), points, Instant.parse("2021-11-26T13:46:59.999Z")))
                .isEqualTo(AlarmStateValue.ALARM);
        }

        @Test
        void datapointsOlderThanTheEvaluationRangeAreNotEvaluated() {
            // Six periods back is outside the five-period range of a 3-period alarm.
            final NavigableMap<Instant, Double> points = Periods.pattern("0 - - - - X");

            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(alarm().build(), AlarmStateValue.OK, points,
                Periods.NOW);

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
        }

        @Test
        void startsNotAlignedToThePeriodAreNotDatapointsOfIt() {
            final NavigableMap<Instant, Double> points = new TreeMap<>();
            points.put(Periods.NEWEST.plusSeconds(1), 95.0);
            points.put(Periods.NEWEST.minusSeconds(59), 95.0);
            points.put(Periods.NEWEST.minusSeconds(119), 95.0);

            assertThat(state(alarm().build(), points, Periods.NOW)).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
        }

        @Test
        void aNullValueIsAMissingPeriod() {
            final NavigableMap<Instant, Double> points = Periods.pattern("- X X");
            points.put(Periods.NEWEST, null);

            assertThat(state(alarm().build(), points, Periods.NOW)).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
        }

        @Test
        void fivePeriodsAreAlignedToTheirOwnLengthNotToTheMinute() {
            final MetricAlarmDefinition definition = alarm().period(300).mOutOfN(1, 1).build().validate();
            final NavigableMap<Instant, Double> points = new TreeMap<>();
            points.put(Instant.parse("2021-11-26T13:40:00Z"), 95.0);

            // At 13:46:30 the newest complete 300 s period is 13:40-13:45.
            assertThat(state(definition, points, Periods.NOW)).isEqualTo(AlarmStateValue.ALARM);
        }

        @Test
        void highResolutionPeriodsAreTenSecondsLong() {
            final MetricAlarmDefinition definition = alarm().period(10).mOutOfN(2, 2).build().validate();
            final Instant now = Instant.parse("2021-11-26T13:46:25Z");

            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
                Periods.pattern("X X", Instant.parse("2021-11-26T13:46:10Z"), 10, 10.0, 90.0), now);

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
            assertThat(evaluation.reason()).contains("[90.0 (26/11/21 13:46:10), 90.0 (26/11/21 13:46:00)]");
        }
    }

    @Nested
    class EnoughRealDatapoints {

        @ParameterizedTest(name = "{0}")
        @EnumSource(TreatMissingData.class)
        void theNewestNRealDatapointsAreEvaluatedAndTreatMissingDataIsNot(final TreatMissingData treatment) {
            // Newest three real points, across the gaps: X (1), X (2), X (4); the 0 at age 5 is not needed.
            final MetricAlarmDefinition definition = alarm().treatMissingData(treatment).build();

            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
                Periods.pattern("0 X - X X"), Periods.NOW);

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
            assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 3 out of the last 3 datapoints "
                + "[90.0 (26/11/21 13:45:00), 90.0 (26/11/21 13:44:00), 90.0 (26/11/21 13:42:00)] were greater "
                + "than or equal to the threshold (80.0) (minimum 3 datapoints for OK -> ALARM transition).");
        }

        @Test
        void anOldNonBreachingPointBeyondTheNewestNIsIgnored() {
            assertThat(state(alarm().build(), Periods.pattern("0 0 X X X"), Periods.NOW))
                .isEqualTo(AlarmStateValue.ALARM);
        }
    }

    @Nested
    class MOutOfN {

        @ParameterizedTest(name = "{0}-of-{1} {2} -> {3}")
        @CsvSource({
            "2, 3, 'X 0 X', ALARM",
            "2, 3, 'X 0 0', OK",
            "2, 3, '0 X X', ALARM",
            "2, 3, 'X X 0', ALARM",
            "2, 3, '0 0 X', OK",
            "3, 5, 'X 0 X 0 X', ALARM",
            "3, 5, 'X X 0 0 0', OK",
            "3, 5, '0 X X 0 X', ALARM",
            "3, 5, '0 0 X X 0', OK",
            "1, 3, '0 0 X', ALARM",
            "1, 3, '0 0 0', OK",
            "3, 3, 'X X 0', OK",
            "4, 5, 'X X 0 X X', ALARM",
            "4, 5, 'X 0 X 0 X', OK",
        })
        void alarmsWhenAtLeastMOfTheLastNBreach(final int m, final int n, final String points,
                                                final AlarmStateValue expected) {
            assertThat(state(alarm().mOutOfN(m, n).build().validate(), Periods.pattern(points), Periods.NOW))
                .isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}-of-{1} {2} with {3} -> {4}")
        @CsvSource({
            "3, 5, '- - - X X', breaching, ALARM",
            "3, 5, '- - - X X', notBreaching, OK",
            "3, 5, '- - - 0 X', breaching, ALARM",
            "3, 5, '- - 0 0 X', breaching, ALARM",
            "3, 5, '- 0 0 0 X', breaching, OK",
            "3, 5, '- - - X X', missing, INSUFFICIENT_DATA",
            "3, 5, '- - X - X', missing, ALARM",
            "3, 5, '- X - - X X -', missing, ALARM",
            "3, 5, '- - X - 0 X -', missing, OK",
        })
        void fillsOnlyAsManyMissingPeriodsAsNeeded(final int m, final int n, final String points,
                                                  final TreatMissingData treatment, final AlarmStateValue expected) {
            final MetricAlarmDefinition definition = alarm().mOutOfN(m, n).treatMissingData(treatment).build();

            assertThat(state(definition, Periods.pattern(points), Periods.NOW)).isEqualTo(expected);
        }
    }

    @Nested
    class Transitions {

        @Test
        void recoversFromAlarmToOkWithTheMinimumForThatTransition() {
            final MetricAlarmDefinition definition = alarm().operator(ComparisonOperator.GreaterThanThreshold)
                .mOutOfN(3, 5).threshold(0.0).build();

            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.ALARM,
                Periods.pattern("X 0 X 0 0", Instant.parse("2021-12-21T06:45:00Z"), 60, 0.0, 2.0),
                Instant.parse("2021-12-21T06:46:11Z"));

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.OK);
            assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 3 out of the last 5 datapoints "
                + "[0.0 (21/12/21 06:45:00), 0.0 (21/12/21 06:44:00), 0.0 (21/12/21 06:42:00)] were not greater "
                + "than the threshold (0.0) (minimum 3 datapoints for ALARM -> OK transition).");
        }

        @Test
        void aStateIsReportedAlsoWhenItDoesNotChange() {
            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(alarm().build(), AlarmStateValue.ALARM,
                Periods.pattern("X X X"), Periods.NOW);

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
            assertThat(evaluation.reason()).startsWith("Threshold Crossed: 3 out of the last 3 datapoints");
        }

        @Test
        void aSequenceOfEvaluationsGoesOkAlarmOkAsTheDataMoves() {
            final MetricAlarmDefinition definition = alarm().build();
            final NavigableMap<Instant, Double> points = new TreeMap<>();
            AlarmStateValue state = AlarmStateValue.INSUFFICIENT_DATA;
            final double[] values = {10, 85, 90, 95, 70, 60};
            final AlarmStateValue[] expected = {AlarmStateValue.OK, AlarmStateValue.OK, AlarmStateValue.OK,
                AlarmStateValue.ALARM, AlarmStateValue.OK, AlarmStateValue.OK};
            for (int i = 0; i < values.length; i++) {
                final Instant start = Periods.NEWEST.plusSeconds(60L * i);
                points.put(start, values[i]);
                state = MetricAlarmEvaluator.evaluate(definition, state, points, start.plusSeconds(90)).state();
                assertThat(state).as("after datapoint %d", i).isEqualTo(expected[i]);
            }
        }
    }

    @Nested
    class Thresholds {

        @ParameterizedTest(name = "{0} with value {1} -> {2}")
        @CsvSource({
            "GreaterThanOrEqualToThreshold, 80.0, ALARM",
            "GreaterThanOrEqualToThreshold, 79.999, OK",
            "GreaterThanThreshold, 80.0, OK",
            "GreaterThanThreshold, 80.001, ALARM",
            "LessThanThreshold, 80.0, OK",
            "LessThanThreshold, 79.999, ALARM",
            "LessThanOrEqualToThreshold, 80.0, ALARM",
            "LessThanOrEqualToThreshold, 80.001, OK",
        })
        void comparesAtTheThresholdBoundaryAsItsOperatorSays(final ComparisonOperator operator, final double value,
                                                             final AlarmStateValue expected) {
            final MetricAlarmDefinition definition = alarm().operator(operator).mOutOfN(1, 1).build();
            final NavigableMap<Instant, Double> points = new TreeMap<>();
            points.put(Periods.NEWEST, value);

            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, points,
                Periods.NOW);

            assertThat(evaluation.state()).isEqualTo(expected);
            assertThat(evaluation.reason()).contains(
                (expected == AlarmStateValue.ALARM ? " was " : " was not ") + operator.phrase() + " the threshold");
        }
    }

    @Nested
    class MissingData {

        @Test
        void dynamoDbAlarmsAlwaysIgnoreMissingData() {
            final MetricAlarmDefinition definition = alarm().namespace("AWS/DynamoDB")
                .metricName("ThrottledRequests").dimensions(java.util.Map.of("TableName", "orders"))
                .treatMissingData(TreatMissingData.breaching).build().validate();

            assertThat(definition.effectiveTreatMissingData()).isEqualTo(TreatMissingData.ignore);
            assertThat(state(definition, Periods.pattern("- - - - -"), Periods.NOW, AlarmStateValue.OK))
                .isEqualTo(AlarmStateValue.OK);
        }

        @Test
        void allMissingWithBreachingSaysNoDatapointsWereReceived() {
            final MetricAlarmDefinition definition = alarm().mOutOfN(1, 1)
                .treatMissingData(TreatMissingData.breaching).build();

            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
                new TreeMap<>(), Periods.NOW);

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
            assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: no datapoints were received for 1 period "
                + "and 1 missing datapoint was treated as [Breaching].");
        }

        @Test
        void allMissingWithMissingIsInsufficientDataForEveryEvaluationPeriod() {
            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(alarm().build(), AlarmStateValue.ALARM,
                new TreeMap<>(), Periods.NOW);

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
            assertThat(evaluation.reason()).isEqualTo("Insufficient Data: 3 datapoints were unknown.");
        }

        @Test
        void aSingleBreachWithBreachingFillAlarmsAtOnce() {
            final MetricAlarmDefinition definition = alarm().treatMissingData(TreatMissingData.breaching).build();

            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
                Periods.pattern("- - - - X"), Periods.NOW);

            assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
            assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 1 out of the last 3 datapoints "
                + "[90.0 (26/11/21 13:45:00)] was greater than or equal to the threshold (80.0) and 2 missing "
                + "datapoints were treated as [Breaching] (minimum 3 datapoints for OK -> ALARM transition).");
        }
    }

    @Test
    void sampleCountsReachTheReasonData() {
        final NavigableMap<Instant, Datapoint> points = new TreeMap<>();
        points.put(Periods.NEWEST, new Datapoint(95.0, 12.0));

        final Evaluation evaluation = MetricAlarmEvaluator.evaluateDatapoints(alarm().mOutOfN(1, 1).build(),
            AlarmStateValue.OK, points, Periods.NOW);

        assertThat(evaluation.reasonData()).contains(
            "{\"timestamp\":\"2021-11-26T13:45:00.000+0000\",\"sampleCount\":12.0,\"value\":95.0}");
    }

    @Test
    void rejectsMissingArguments() {
        final MetricAlarmDefinition definition = alarm().build();
        final NavigableMap<Instant, Double> none = new TreeMap<>();

        assertThatThrownBy(() -> MetricAlarmEvaluator.evaluate(null, AlarmStateValue.OK, none, Periods.NOW))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MetricAlarmEvaluator.evaluate(definition, null, none, Periods.NOW))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, null, Periods.NOW))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, none, null))
            .isInstanceOf(NullPointerException.class);
    }

    private static AlarmStateValue state(final MetricAlarmDefinition definition,
                                         final NavigableMap<Instant, Double> points, final Instant now) {
        return state(definition, points, now, AlarmStateValue.OK);
    }

    private static AlarmStateValue state(final MetricAlarmDefinition definition,
                                         final NavigableMap<Instant, Double> points, final Instant now,
                                         final AlarmStateValue current) {
        return MetricAlarmEvaluator.evaluate(definition, current, points, now).state();
    }
}
