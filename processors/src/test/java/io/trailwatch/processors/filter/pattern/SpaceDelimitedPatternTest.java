package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.matches;
import static io.trailwatch.processors.filter.pattern.PatternAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpaceDelimitedPatternTest {

    /** AWS's example event: seven fields, one in brackets and one in quotes. */
    private static final String APACHE =
        "127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";

    private static Map<String, String> extracted(final String pattern, final String message) {
        return FilterPattern.parse(pattern).match(message).orElseThrow().extractedValues();
    }

    @Test
    void kindIsSpaceDelimited() {
        assertThat(FilterPattern.parse("[a, b]").kind()).isEqualTo(PatternKind.SPACE_DELIMITED);
    }

    @Nested
    class FieldBinding {

        @Test
        void namedFieldsBindInOrderAndBracketsOrQuotesMakeOneField() {
            assertThat(extracted("[ip, user, username, timestamp, request, status_code, bytes]", APACHE))
                .containsExactly(
                    Map.entry("$ip", "127.0.0.1"),
                    Map.entry("$user", "Prod"),
                    Map.entry("$username", "frank"),
                    Map.entry("$timestamp", "10/Oct/2000:13:25:15 -0700"),
                    Map.entry("$request", "GET /index.html HTTP/1.0"),
                    Map.entry("$status_code", "404"),
                    Map.entry("$bytes", "1534"));
        }

        @Test
        void fewerFieldsThanEntriesNeverMatch() {
            assertThat(matches("[ip, user, username, timestamp, request, status_code, bytes, extra]", APACHE))
                .isFalse();
            assertThat(matches("[a, b]", "single")).isFalse();
            assertThat(matches("[a]", "")).isFalse();
        }

        @Test
        void lastEntryTakesTheRestOfTheMessage() {
            // AWS: [w1=ERROR, w2] returns events "where the first word is ERROR", for six-word events.
            assertThat(extracted("[w1=ERROR, w2]", "ERROR 09/25/2014 12:00:02 Failed to process request  "))
                .containsExactly(Map.entry("$w1", "ERROR"), Map.entry("$w2", "09/25/2014 12:00:02 Failed to process "
                    + "request"));
            assertThat(extracted("[ip, user, rest]", APACHE)).containsEntry("$rest",
                "frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534");
            assertThat(extracted("[line]", "  the whole line ")).containsExactly(Map.entry("$line", "the whole line"));
        }

        @Test
        void conditionsApplyToTheRestWhenItIsTheLastEntry() {
            assertThat(matches("[level, message = *timeout*]", "WARN upstream timeout after 30s")).isTrue();
            assertThat(matches("[level, message = *timeout*]", "WARN upstream slow")).isFalse();
        }

        @Test
        void ellipsisAtTheStartBindsTheLastFields() {
            assertThat(extracted("[..., status_code, bytes]", APACHE)).containsExactly(
                Map.entry("$1", "127.0.0.1"), Map.entry("$2", "Prod"), Map.entry("$3", "frank"),
                Map.entry("$4", "10/Oct/2000:13:25:15 -0700"), Map.entry("$5", "GET /index.html HTTP/1.0"),
                Map.entry("$status_code", "404"), Map.entry("$bytes", "1534"));
        }

        @Test
        void ellipsisInTheMiddleTakesWhateverLiesBetween() {
            assertThat(extracted("[ip, user, ..., status_code, bytes]", APACHE))
                .containsEntry("$ip", "127.0.0.1").containsEntry("$user", "Prod")
                .containsEntry("$3", "frank").containsEntry("$5", "GET /index.html HTTP/1.0")
                .containsEntry("$status_code", "404").containsEntry("$bytes", "1534").hasSize(7);
        }

        @Test
        void ellipsisAtTheEndTakesTheRestAsSeparateFields() {
            assertThat(extracted("[ip, user, ...]", APACHE)).containsEntry("$ip", "127.0.0.1")
                .containsEntry("$user", "Prod").containsEntry("$7", "1534").hasSize(7);
        }

        @Test
        void ellipsisMayMatchNoField() {
            assertThat(extracted("[a, ..., b]", "x y")).containsExactly(Map.entry("$a", "x"), Map.entry("$b", "y"));
            assertThat(matches("[a, ..., b]", "x")).isFalse();
            assertThat(matches("[...]", "")).isTrue();
        }

        @Test
        void unnamedEntriesAreReportedByPosition() {
            // AWS's TestMetricFilter example for [..., request=*.html*, status_code=4*,].
            final String event = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" "
                + "404 1534";
            assertThat(extracted("[..., request=*.html*, status_code=4*,]", event)).containsExactly(
                Map.entry("$1", "127.0.0.1"), Map.entry("$2", "-"), Map.entry("$3", "frank"),
                Map.entry("$4", "10/Oct/2000:13:25:15 -0700"), Map.entry("$request", "GET /index.html HTTP/1.0"),
                Map.entry("$status_code", "404"), Map.entry("$7", "1534"));
            assertThat(extracted("[, b, ]", "x y z")).containsExactly(Map.entry("$1", "x"), Map.entry("$b", "y"),
                Map.entry("$3", "z"));
        }

        @Test
        void unclosedBracketsAndQuotesAreOrdinaryText() {
            assertThat(extracted("[a, b, c]", "say \"hello world now")).containsExactly(Map.entry("$a", "say"),
                Map.entry("$b", "\"hello"), Map.entry("$c", "world now"));
            assertThat(extracted("[a, b]", "[x y")).containsExactly(Map.entry("$a", "[x"), Map.entry("$b", "y"));
        }

        @Test
        void tabsAndRepeatedSpacesSeparateFields() {
            assertThat(extracted("[a, b, c]", "x\t\ty    z")).containsExactly(Map.entry("$a", "x"),
                Map.entry("$b", "y"), Map.entry("$c", "z"));
        }

        @Test
        void emptyQuotedFieldIsAnEmptyValue() {
            assertThat(extracted("[a, b = \"\", c]", "x \"\" z")).containsEntry("$b", "");
        }
    }

    @Nested
    class Conditions {

        @ParameterizedTest
        @CsvSource(delimiterString = " ~> ", value = {
            "[ip, user, username, timestamp, request, status_code = 404, bytes] ~> true",
            "[ip, user, username, timestamp, request, status_code = 200, bytes] ~> false",
            "[ip, user, username, timestamp, request, status_code != 200, bytes] ~> true",
            "[ip, user, username, timestamp, request, status_code != 404, bytes] ~> false",
            "[ip, user, username, timestamp, request, status_code = 4*, bytes] ~> true",
            "[ip, user, username, timestamp, request, status_code = 5*, bytes] ~> false",
            "[ip, user, username, timestamp, request = *.html*, status_code, bytes] ~> true",
            "[ip, user, username, timestamp, request = *.php*, status_code, bytes] ~> false",
            "[ip, user, username, timestamp, request = \"GET /index.html HTTP/1.0\", status_code, bytes] ~> true",
            "[ip, user, username, timestamp, request = \"GET *\", status_code, bytes] ~> true",
            "[ip, user, username, timestamp, request, status_code, bytes > 1000] ~> true",
            "[ip, user, username, timestamp, request, status_code, bytes > 1534] ~> false",
            "[ip, user, username, timestamp, request, status_code, bytes >= 1534] ~> true",
            "[ip, user, username, timestamp, request, status_code, bytes < 1.6e3] ~> true",
            "[ip, user, username, timestamp, request, status_code, bytes <= -1] ~> false",
            "[ip, user, username, timestamp, request, status_code >= 400 && status_code < 500, bytes] ~> true",
            "[ip, user, username, timestamp, request, status_code = 4* && status_code != 404, bytes] ~> false",
            "[ip, user, username, timestamp, request, status_code = 404 || status_code = 410, bytes] ~> true",
            "[ip, user, username, timestamp, request, status_code = 403 || status_code = 410, bytes] ~> false",
            "[ip, user, username, timestamp, request, (status_code = 1 || status_code = 404) && status_code != 2, bytes] ~> true",
            "[ip = %^127\\.0\\.0\\.[1-9]$%, user, username, timestamp, request, status_code, bytes] ~> true",
            "[ip != %^127\\.%, user, username, timestamp, request, status_code, bytes] ~> false",
            "[ip, user = Prod, username = frank, timestamp = 10/Oct/2000*, ...] ~> true",
            "[ip, user = prod, ...] ~> false",
            "[..., status_code = 404, bytes = 1534] ~> true",
            "[..., status_code = 4*] ~> false",
        })
        void conditionsTestTheirOwnField(final String pattern, final boolean expected) {
            assertThat(matches(pattern, APACHE)).isEqualTo(expected);
        }

        @Test
        void numericConditionsFailOnNonNumericFields() {
            assertThat(matches("[a, bytes > 0]", "GET -")).isFalse();
            assertThat(matches("[a, bytes != 0]", "GET -")).isFalse();
            assertThat(matches("[a, bytes = -]", "GET -")).isTrue();
        }

        @Test
        void allEntriesConditionsMustHold() {
            assertThat(matches("[w1 = ERROR, w2 = 5*]", "ERROR 500")).isTrue();
            assertThat(matches("[w1 = ERROR, w2 = 5*]", "ERROR 404")).isFalse();
            assertThat(matches("[w1 = ERROR, w2 = 5*]", "WARN 500")).isFalse();
        }
    }

    @Test
    void jsonMessagesAreSplitAsText() {
        assertThat(FilterPattern.parse("[first, ...]").match(tree("{\"a\": 1}"))).isPresent();
    }

    @Test
    void matchHasNoJsonEvent() {
        final Match match = FilterPattern.parse("[a, b]").match("x y").orElseThrow();
        assertThat(match.event().isMissingNode()).isTrue();
    }
}
