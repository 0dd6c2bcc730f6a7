package io.trailwatch.processors.filter.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FilterPattern#mayMatch}, the test on a message's stored bytes before it is decoded: it may pass messages the
 * pattern does not match, but must never turn away one it matches.
 */
class MayMatchTest {

    private static boolean mayMatch(final String pattern, final String message) {
        final byte[] utf8 = ("prefix" + message).getBytes(StandardCharsets.UTF_8);
        return FilterPattern.parse(pattern).mayMatch(utf8, "prefix".length(), utf8.length);
    }

    @ParameterizedTest(name = "[{0}] {1} on {2}")
    @MethodSource("io.trailwatch.processors.filter.pattern.AwsDocumentationExamplesTest#examples")
    void everyMessageOfAwsExamplesThatAPatternMatchesMayMatch(final String source, final String pattern,
                                                              final String event, final boolean expected) {
        if (FilterPattern.parse(pattern).match(event).isPresent()) {
            assertThat(mayMatch(pattern, event)).isTrue();
        }
    }

    @Test
    void aMessageWithoutEveryPlainTermCannotMatchATermPattern() {
        assertThat(mayMatch("ERROR", "all went well")).isFalse();
        assertThat(mayMatch("ERROR", "an error, lower case")).as("terms are case-sensitive").isFalse();
        assertThat(mayMatch("ERROR \"disk full\"", "ERROR: disk is full")).isFalse();
        assertThat(mayMatch("ERROR \"disk full\"", "ERROR: disk full")).isTrue();
        assertThat(mayMatch("ERROR -timeout", "ERROR timeout")).as("an excluded term needs nothing").isTrue();
        assertThat(mayMatch("?ERROR ?WARN", "WARN low memory")).as("optional terms need nothing").isTrue();
        assertThat(mayMatch("%ERR[0-9]+%", "nothing")).as("a regular expression needs nothing").isTrue();
        assertThat(mayMatch("ERROR", "été ERROR")).as("after multi-byte characters").isTrue();
    }

    @Test
    void aJsonMessageWithoutAStringEqualityEveryMatchNeedsCannotMatch() {
        final String pattern = "{ $.level = \"error\" && $.latencyMs > 1000 }";
        assertThat(mayMatch(pattern, "{\"level\":\"info\",\"latencyMs\":2000}")).isFalse();
        assertThat(mayMatch(pattern, "{\"level\":\"error\",\"latencyMs\":20}")).isTrue();
        assertThat(mayMatch("{ $.a = \"x\" || $.b = \"y\" }", "{\"c\":\"z\"}")).as("either: nothing needed").isTrue();
        assertThat(mayMatch("{ $.a = \"err*\" }", "{\"c\":\"z\"}")).as("a wildcard needs nothing").isTrue();
        assertThat(mayMatch("{ $.a != \"x\" }", "{\"a\":\"y\"}")).isTrue();
    }

    @Test
    void aMessageThatEscapesCharactersOrWritesANumberOtherwiseIsNotTurnedAway() {
        final String escaped = "{\"level\":\"\\u0065rror\",\"latencyMs\":2000}";
        assertThat(FilterPattern.parse("{ $.level = \"error\" }").match(escaped)).as("JSON reads it as error")
            .isPresent();
        assertThat(mayMatch("{ $.level = \"error\" }", escaped)).isTrue();
        final String number = "{\"code\":2E2}";
        assertThat(mayMatch("{ $.code = \"200\" }", number)).as("a number's text is not looked for").isTrue();
        assertThat(mayMatch("{ $.code = 200 }", number)).isTrue();
        final String infinite = "{\"x\":1e400}";
        assertThat(FilterPattern.parse("{ $.x = \"Infinity\" }").match(infinite)).as("Jackson reads Infinity")
            .isPresent();
        assertThat(mayMatch("{ $.x = \"Infinity\" }", infinite)).isTrue();
        assertThat(mayMatch("{ $.x = \"\" }", "{\"y\":1}")).as("an empty value needs nothing").isTrue();
    }

    /** Random JSON and plain messages built of the patterns' own pieces, escaped or not: a match always may match. */
    @Test
    void noMessageAPatternMatchesIsTurnedAwayOnRandomMessages() {
        final List<String> patterns = List.of("ERROR", "ERROR \"disk full\"", "ERROR -WARN", "{ $.level = \"error\" }",
            "{ $.level = \"error\" && $.latencyMs > 1000 }", "{ $.level = \"error\" && $.user.name = \"ann\" }",
            "{ ($.level = \"error\" || $.level = \"warn\") && $.user.name = \"ann\" }", "{ $.latencyMs = \"1000\" }",
            "{ $.level = \"e\\\"r\" }");
        final List<String> values = List.of("error", "\\u0065rror", "err\\\"or", "warn", "ann", "\\u0061nn", "ERROR",
            "disk full", "e\\\"r", "");
        final List<String> numbers = List.of("1000", "1e3", "1000.0", "20", "2E3");
        final Random random = new Random(7);
        int turnedAway = 0;
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            final String message = random.nextBoolean()
                ? "{\"level\":\"" + pick(values, random) + "\",\"latencyMs\":" + pick(numbers, random)
                    + ",\"user\":{\"name\":\"" + pick(values, random) + "\"}}"
                : pick(values, random) + " " + pick(values, random) + " " + pick(values, random);
            for (final String pattern : patterns) {
                final boolean may = mayMatch(pattern, message);
                if (FilterPattern.parse(pattern).match(message).isPresent()) {
                    matched++;
                    assertThat(may).as("%s on %s", pattern, message).isTrue();
                } else if (!may) {
                    turnedAway++;
                }
            }
        }
        assertThat(matched).as("the messages exercise matches").isGreaterThan(1_000);
        assertThat(turnedAway).as("and the test turns many others away").isGreaterThan(20_000);
    }

    private static String pick(final List<String> values, final Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
