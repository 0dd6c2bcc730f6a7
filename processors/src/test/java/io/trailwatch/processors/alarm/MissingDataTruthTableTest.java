package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.alarm.AlarmFixture.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateValue;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the tables in the User Guide's "How alarm state is evaluated when data is missing" (current revision
 * and the 2019-2020 revision, whose extra rows the current text still describes) under all four TreatMissingData
 * values. N = 3, evaluation range 5, newest datapoint right.
 */
class MissingDataTruthTableTest {

    private static final String RETAIN = "retain";

    static Stream<Arguments> rows() {
        return Stream.of(
            // Table 1: Datapoints to Alarm 3 (current revision).
            Arguments.of(3, "0 - X - X", "OK", "OK", "OK", "OK"),
            Arguments.of(3, "0 - - - -", "OK", "OK", "OK", "OK"),
            Arguments.of(3, "- - - - -", "INSUFFICIENT_DATA", RETAIN, "ALARM", "OK"),
            Arguments.of(3, "0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"),
            Arguments.of(3, "- - X - -", "ALARM", RETAIN, "ALARM", "OK"),
            // Table 1, earlier revision's extra rows.
            Arguments.of(3, "- - - - X", "INSUFFICIENT_DATA", RETAIN, "ALARM", "OK"),
            Arguments.of(3, "X - - - -", "ALARM", RETAIN, "ALARM", "OK"),
            // "the alarm does not go immediately into ALARM state when the data is ... - - - X - and Datapoints to
            // Alarm is 3".
            Arguments.of(3, "- - - X -", "INSUFFICIENT_DATA", RETAIN, "ALARM", "OK"),
            // Table 2: 2 out of 3 (current revision).
            Arguments.of(2, "0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM"),
            Arguments.of(2, "0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM"),
            Arguments.of(2, "0 - X - -", "OK", "OK", "ALARM", "OK"),
            Arguments.of(2, "- - - - 0", "OK", "OK", "ALARM", "OK"),
            Arguments.of(2, "- - - X -", "ALARM", RETAIN, "ALARM", "OK"),
            // Table 2, earlier revision's extra row.
            Arguments.of(2, "- - - - X", "INSUFFICIENT_DATA", RETAIN, "ALARM", "OK"));
    }

    @ParameterizedTest(name = "{1} with M={0}: missing={2} ignore={3} breaching={4} notBreaching={5}")
    @MethodSource("rows")
    void matchesTheDocumentedTable(final int datapointsToAlarm, final String points, final String missing,
                                   final String ignore, final String breaching, final String notBreaching) {
        assertRow(datapointsToAlarm, points, TreatMissingData.missing, missing);
        assertRow(datapointsToAlarm, points, TreatMissingData.ignore, ignore);
        assertRow(datapointsToAlarm, points, TreatMissingData.breaching, breaching);
        assertRow(datapointsToAlarm, points, TreatMissingData.notBreaching, notBreaching);
    }

    private static void assertRow(final int datapointsToAlarm, final String points, final TreatMissingData treatment,
                                  final String expected) {
        final MetricAlarmDefinition definition = alarm().mOutOfN(datapointsToAlarm, 3).treatMissingData(treatment)
            .build().validate();
        // Every current state, so that "retain" is told apart from a state that merely equals the current one.
        for (final AlarmStateValue current : AlarmStateValue.values()) {
            final Evaluation evaluation = MetricAlarmEvaluator.evaluate(definition, current, Periods.pattern(points),
                Periods.NOW);
            final AlarmStateValue wanted = RETAIN.equals(expected) ? current : AlarmStateValue.valueOf(expected);
            assertThat(evaluation.state())
                .as("%s, %s, current %s", points, treatment, current)
                .isEqualTo(wanted);
        }
    }
}
