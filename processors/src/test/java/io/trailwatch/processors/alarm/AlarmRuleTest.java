package io.trailwatch.processors.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trailwatch.avro.AlarmStateValue;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AlarmRuleTest {

    @Nested
    class Parsing {

        @Test
        void readsTheApiReferenceExamples() {
            assertThat(AlarmRule.parse("ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)").children())
                .containsExactly("CPUUtilizationTooHigh", "DiskReadOpsTooHigh");
            assertThat(AlarmRule.parse("ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress)")
                .children()).containsExactly("CPUUtilizationTooHigh", "DeploymentInProgress");
            assertThat(AlarmRule.parse("(ALARM(CPUUtilizationTooHigh) OR ALARM(DiskReadOpsTooHigh)) AND "
                + "OK(NetworkOutTooHigh)").children())
                .containsExactly("CPUUtilizationTooHigh", "DiskReadOpsTooHigh", "NetworkOutTooHigh");
            assertThat(AlarmRule.parse("(ALARM(\"CPUUtilizationTooHigh\") OR \nALARM(\"DiskReadOpsTooHigh\")) AND \n"
                + "OK(\"NetworkOutTooHigh\")").children())
                .containsExactly("CPUUtilizationTooHigh", "DiskReadOpsTooHigh", "NetworkOutTooHigh");
        }

        @Test
        void keepsTheTextAsWritten() {
            final String text = "  ALARM( \"web 1\" )  or  TRUE ";

            assertThat(AlarmRule.parse(text).text()).isEqualTo(text);
            assertThat(AlarmRule.parse(text).toString()).isEqualTo(text);
            assertThat(AlarmRule.parse(text)).isEqualTo(AlarmRule.parse(text)).hasSameHashCodeAs(AlarmRule.parse(text));
        }

        @Test
        void quotedNamesMayHoldSpacesAndParentheses() {
            assertThat(AlarmRule.parse("ALARM(\"Aurora CPU (60%)\") OR OK(\"a AND b\")").children())
                .containsExactly("Aurora CPU (60%)", "a AND b");
        }

        @Test
        void childrenReferencedByArnAreListedByNameOnce() {
            final AlarmRule rule = AlarmRule.parse("(ALARM(\"arn:aws:cloudwatch:ap-northeast-1:0000000000:alarm:test1\")"
                + " OR ALARM(\"arn:aws:cloudwatch:ap-northeast-1:0000000000:alarm:test2\")) AND NOT OK(test1)");

            assertThat(rule.children()).containsExactly("test1", "test2");
            assertThat(rule.reference("test1")).isEqualTo("arn:aws:cloudwatch:ap-northeast-1:0000000000:alarm:test1");
            assertThat(AlarmRule.alarmNameOf("plain:alarm:name")).isEqualTo("plain:alarm:name");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "false",
            "False",
            "true and not false",
            "alarm(a) Or ok(b)",
            "Insufficient_Data(a)",
            "NOT(ALARM(a))",
            "NOT NOT ALARM(a)",
            "((((ALARM(a)))))",
        })
        void keywordsAreCaseInsensitive(final String rule) {
            assertThat(AlarmRule.parse(rule).text()).isEqualTo(rule);
        }

        @Test
        void acceptsTheLimitsExactly() {
            assertThat(AlarmRule.parse(children(100, " OR ")).children()).hasSize(100);
            assertThat(AlarmRule.parse("ALARM(a)" + " OR TRUE".repeat(499))).isNotNull();
            final String padded = "ALARM(a)" + " ".repeat(AlarmRuleParser.MAX_LENGTH - 8);
            assertThat(AlarmRule.parse(padded).text()).hasSize(10_240);
            assertThat(AlarmRule.parse("ALARM(" + "n".repeat(255) + ")").children()).hasSize(1);
            final String arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:" + "n".repeat(1600 - 48);
            assertThat(AlarmRule.parse("ALARM(\"" + arn + "\")").children()).containsExactly("n".repeat(1552));
        }

        @Test
        void repeatedChildrenCountOnceTowardsTheChildLimit() {
            assertThat(AlarmRule.parse(children(100, " OR ") + " AND " + children(100, " AND ")).children())
                .hasSize(100);
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of(null, 0, "AlarmRule is required"),
            Arguments.of("", 0, "expected ALARM, OK, INSUFFICIENT_DATA, TRUE, FALSE, NOT or '('"),
            Arguments.of("   ", 3, "expected ALARM, OK, INSUFFICIENT_DATA, TRUE, FALSE, NOT or '('"),
            Arguments.of("ALARM(a) AND", 12, "expected ALARM, OK"),
            Arguments.of("ALARM(a) AND )", 13, "found ')'"),
            Arguments.of("ALARM(a", 7, "expected ')' after the alarm name"),
            Arguments.of("ALARM()", 6, "an alarm name must be 1 to 255 characters"),
            Arguments.of("ALARM(\"\")", 6, "an alarm name must be 1 to 255 characters"),
            Arguments.of("ALARM(\"a)", 6, "unterminated quoted alarm name"),
            Arguments.of("ALARM a", 6, "expected '(' after ALARM"),
            Arguments.of("FOO(a)", 0, "unknown function or keyword 'FOO'"),
            Arguments.of("ALARM(a) XOR ALARM(b)", 9, "expected AND, OR or the end of the rule"),
            Arguments.of("ALARM(a) ALARM(b)", 9, "expected AND, OR or the end of the rule"),
            Arguments.of("(ALARM(a)", 9, "expected ')' to close the '(' at position 0"),
            Arguments.of("ALARM(a))", 8, "expected AND, OR or the end of the rule, found ')'"),
            Arguments.of("NOT", 3, "expected ALARM"),
            Arguments.of("ALARM(a b)", 8, "expected ')' after the alarm name"),
            Arguments.of("ALARMS(a)", 0, "unknown function or keyword 'ALARMS'"),
            Arguments.of("ALARM(" + "n".repeat(256) + ")", 6, "an alarm name must be 1 to 255 characters"),
            Arguments.of("OK(\"arn:" + "n".repeat(1597) + "\")", 3, "an alarm ARN must be 1 to 1600 characters"),
            Arguments.of("ALARM(\"tab\there\")", 6, "ASCII control characters"),
            Arguments.of("ALARM(a)" + " ".repeat(10_233), 10_240, "must be at most 10240 characters"),
            Arguments.of(children(101, " OR "), 100 * 15 + 6, "more than 100 child alarms"),
            Arguments.of("TRUE" + " OR TRUE".repeat(500), 4 + 500 * 8 - 4, "more than 500 elements"),
            Arguments.of("(".repeat(501) + "TRUE" + ")".repeat(501), 500, "more than 500 elements"));
    }

    @ParameterizedTest(name = "[{index}] at {1}: {2}")
    @MethodSource("malformed")
    void rejectsMalformedRulesSayingWhereAndWhy(final String rule, final int position, final String reason) {
        final AlarmRuleException error = catchThrowableOfType(AlarmRuleException.class, () -> AlarmRule.parse(rule));

        assertThat(error).isNotNull().isInstanceOf(IllegalArgumentException.class);
        assertThat(error.reason()).contains(reason);
        assertThat(error.position()).isEqualTo(position);
        assertThat(error.getMessage()).isEqualTo("AlarmRule: " + error.reason() + " at position " + position);
    }

    @Nested
    class Evaluation {

        @ParameterizedTest(name = "{0} with a={1} b={2} c={3} -> {4}")
        @CsvSource(delimiter = '|', value = {
            "ALARM(a)                           | ALARM | OK    | OK    | true",
            "ALARM(a)                           | OK    | OK    | OK    | false",
            "OK(a)                              | OK    | OK    | OK    | true",
            "INSUFFICIENT_DATA(a)               | INSUFFICIENT_DATA | OK | OK | true",
            "INSUFFICIENT_DATA(a)               | ALARM | OK    | OK    | false",
            "ALARM(a) AND ALARM(b)              | ALARM | ALARM | OK    | true",
            "ALARM(a) AND ALARM(b)              | ALARM | OK    | OK    | false",
            "ALARM(a) OR ALARM(b)               | OK    | ALARM | OK    | true",
            "ALARM(a) OR ALARM(b)               | OK    | OK    | ALARM | false",
            "ALARM(a) AND NOT ALARM(b)          | ALARM | OK    | OK    | true",
            "ALARM(a) AND NOT ALARM(b)          | ALARM | ALARM | OK    | false",
            "ALARM(a) OR ALARM(b) AND ALARM(c)  | ALARM | OK    | OK    | true",
            "ALARM(a) OR ALARM(b) AND ALARM(c)  | OK    | ALARM | OK    | false",
            "(ALARM(a) OR ALARM(b)) AND ALARM(c)| ALARM | OK    | OK    | false",
            "NOT ALARM(a) AND ALARM(b)          | OK    | ALARM | OK    | true",
            "NOT (ALARM(a) AND ALARM(b))        | ALARM | ALARM | OK    | false",
            "NOT ALARM(a) OR ALARM(b)           | ALARM | OK    | OK    | false",
            "TRUE                               | OK    | OK    | OK    | true",
            "FALSE OR ALARM(c)                  | OK    | OK    | ALARM | true",
            "TRUE AND FALSE                     | OK    | OK    | OK    | false",
        })
        void evaluatesWithNotOverAndOverOr(final String rule, final AlarmStateValue a, final AlarmStateValue b,
                                          final AlarmStateValue c, final boolean holds) {
            final Map<String, AlarmStateValue> states = Map.of("a", a, "b", b, "c", c);

            assertThat(AlarmRule.parse(rule).evaluate(states::get)).isEqualTo(holds);
        }

        @Test
        void anUnknownChildIsInInsufficientData() {
            final Function<String, AlarmStateValue> nobody = name -> null;

            assertThat(AlarmRule.parse("INSUFFICIENT_DATA(ghost)").evaluate(nobody)).isTrue();
            assertThat(AlarmRule.parse("ALARM(ghost)").evaluate(nobody)).isFalse();
            assertThat(AlarmRule.parse("OK(ghost)").evaluate(nobody)).isFalse();
            assertThat(AlarmRule.parse("NOT ALARM(ghost)").evaluate(nobody)).isTrue();
        }

        @Test
        void anArnReferenceIsLookedUpByName() {
            final AlarmRule rule = AlarmRule.parse("ALARM(\"arn:aws:cloudwatch:us-east-1:111122223333:alarm:cpu\")");

            assertThat(rule.evaluate(Map.of("cpu", AlarmStateValue.ALARM)::get)).isTrue();
        }

        @ParameterizedTest(name = "{0} with a={1} b={2} -> {3}")
        @CsvSource(delimiter = '|', value = {
            "ALARM(a) OR ALARM(b)        | ALARM | OK    | a",
            "ALARM(a) OR ALARM(b)        | OK    | OK    | a,b",
            "ALARM(a) OR ALARM(b)        | ALARM | ALARM | a,b",
            "ALARM(a) AND ALARM(b)       | ALARM | ALARM | a,b",
            "ALARM(a) AND ALARM(b)       | ALARM | OK    | b",
            "ALARM(a) AND NOT ALARM(b)   | ALARM | OK    | a,b",
            "ALARM(a) AND NOT ALARM(b)   | ALARM | ALARM | b",
            "TRUE OR ALARM(a)            | OK    | OK    | ''",
            "FALSE AND ALARM(a)          | ALARM | OK    | ''",
            "ALARM(a) OR (OK(a) AND ALARM(b)) | OK | ALARM | a,b",
        })
        void namesTheChildrenThatDecidedTheRule(final String rule, final AlarmStateValue a, final AlarmStateValue b,
                                                final String deciding) {
            final Map<String, AlarmStateValue> states = Map.of("a", a, "b", b);

            assertThat(String.join(",", AlarmRule.parse(rule).deciding(states::get))).isEqualTo(deciding);
        }
    }

    private static String children(final int count, final String operator) {
        return IntStream.range(0, count).mapToObj(i -> String.format("ALARM(c%03d)", i))
            .collect(Collectors.joining(operator));
    }
}
