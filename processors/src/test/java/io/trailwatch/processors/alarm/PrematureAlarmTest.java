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

/**
 * "Avoiding premature transitions to alarm state": with missing data treated as missing, breaching points fewer
 * than M put the alarm in ALARM only once the oldest of them is at least M periods old and nothing newer is
 * non-breaching. Ages count the newest period of the range as 1.
 */
class PrematureAlarmTest {

    @ParameterizedTest(name = "{0}-of-{1} {2} -> {3}")
    @CsvSource({
        // The documented examples, N = 3, range 5.
        "3, 3, '- - - - X', INSUFFICIENT_DATA",
        "3, 3, '- - - X -', INSUFFICIENT_DATA",
        "3, 3, '- - X - -', ALARM",
        "2, 3, '- - - X -', ALARM",
        "2, 3, '- - - - X', INSUFFICIENT_DATA",
        // All real points breaching, fewer than M, oldest old enough.
        "3, 3, 'X X - - -', ALARM",
        "3, 3, '- X - X -', ALARM",
        "3, 3, '- - X X -', ALARM",
        "3, 3, '- - - X X', INSUFFICIENT_DATA",
        // M real breaching points settle it whatever their age.
        "2, 3, '- - - X X', ALARM",
        "1, 3, '- - - - X', ALARM",
        // A non-breaching point anywhere in the range rules the guard out: the documented 0 - X - - is OK.
        "2, 3, '0 - X - -', OK",
        "3, 3, '0 - X - -', OK",
        "3, 3, '- - X - 0', OK",
        // A longer range: N = 5, range 7.
        "3, 5, '- - - - - X -', INSUFFICIENT_DATA",
        "3, 5, '- - - - X - -', ALARM",
        "3, 5, '0 - - - X - -', OK",
        "5, 5, '- - - X - X -', INSUFFICIENT_DATA",
        "5, 5, 'X - - - - - -', ALARM",
    })
    void guardsAgainstPrematureAlarms(final int m, final int n, final String points, final AlarmStateValue expected) {
        final MetricAlarmDefinition definition = alarm().mOutOfN(m, n).build().validate();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
            Periods.pattern(points), Periods.NOW);

        assertThat(evaluation.state()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ignore keeps {0} on {1}")
    @CsvSource({"OK, '- - X - -'", "INSUFFICIENT_DATA, '- - X - -'", "ALARM, '- - - - X'", "OK, 'X - - - -'"})
    void ignoreRetainsTheStateWhereMissingWouldDecideOnTheGuard(final AlarmStateValue current, final String points) {
        final MetricAlarmDefinition definition = alarm().treatMissingData(TreatMissingData.ignore).build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, current, Periods.pattern(points),
            Periods.NOW);

        assertThat(evaluation.state()).isEqualTo(current);
        assertThat(evaluation.reason()).startsWith("Unchanged: ");
    }

    @Test
    void anAlarmFromTheGuardCountsOnlyTheRealBreachingPoints() {
        final MetricAlarmDefinition definition = alarm().build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
            Periods.pattern("- - X - -"), Periods.NOW);

        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 1 out of the last 3 datapoints "
            + "[90.0 (26/11/21 13:43:00)] was greater than or equal to the threshold (80.0) "
            + "(minimum 3 datapoints for OK -> ALARM transition).");
    }

    @Test
    void aPrematureBreachIsInsufficientDataWithTheUnfilledPeriodsUnknown() {
        final MetricAlarmDefinition definition = alarm().build();

        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK,
            Periods.pattern("- - - - X"), Periods.NOW);

        assertThat(evaluation.reason()).isEqualTo("Insufficient Data: 2 datapoints were unknown.");
        assertThat(evaluation.reasonData()).endsWith("\"evaluatedDatapoints\":["
            + "{\"timestamp\":\"2021-11-26T13:44:00.000+0000\"},{\"timestamp\":\"2021-11-26T13:43:00.000+0000\"}]}");
    }

    @Test
    void theGuardWaitsForTheBreachToAgeAcrossEvaluations() {
        final MetricAlarmDefinition definition = alarm().build();
        final Instant breach = Periods.NEWEST;
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        points.put(breach, 95.0);

        // One, two and three minutes later the same lone breach is 1, 2 and 3 periods old.
        assertThat(stateAt(definition, points, Periods.NOW)).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
        assertThat(stateAt(definition, points, Periods.NOW.plusSeconds(60))).isEqualTo(
            AlarmStateValue.INSUFFICIENT_DATA);
        assertThat(stateAt(definition, points, Periods.NOW.plusSeconds(120))).isEqualTo(AlarmStateValue.ALARM);
        assertThat(stateAt(definition, points, Periods.NOW.plusSeconds(240))).isEqualTo(AlarmStateValue.ALARM);
        // Out of the 5-period range: nothing left but missing periods.
        assertThat(stateAt(definition, points, Periods.NOW.plusSeconds(300))).isEqualTo(
            AlarmStateValue.INSUFFICIENT_DATA);
    }

    private static AlarmStateValue stateAt(final MetricAlarmDefinition definition,
                                           final NavigableMap<Instant, Double> points, final Instant now) {
        return MetricAlarmEvaluator.evaluate(definition, AlarmStateValue.OK, points, now).state();
    }
}
