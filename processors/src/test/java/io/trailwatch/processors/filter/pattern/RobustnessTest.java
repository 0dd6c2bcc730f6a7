package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Matching never throws on message content, parsing never throws anything but FilterPatternException. */
class RobustnessTest {

    private static final String ALPHABET = "{}[]()\"'%$.,:;&|!=<>*?-+_ \t\n\\/@#eE019aAzZ\u00e9\u4e2d\u0000";
    private static final List<String> PATTERNS = List.of(
        "", "ERROR", "?ERROR ?WARN -DEBUG", "\"a b\" %[0-9]+%",
        "{ $.a = 1 }", "{ $.a != x* || $.b NOT EXISTS }", "{ $.* = %a% && $.c[*] > 2 }",
        "{ $.a IS NULL || $.b IS TRUE }",
        "{ $.a.b[0] <= -1e3 }", "[a, b]", "[..., c = 4* || c = %x%, d > 5]", "[a, ..., b]", "[,,]", "[x = \"*\"]");

    @Test
    void randomMessagesNeverThrow() {
        final List<FilterPattern> patterns = PATTERNS.stream().map(FilterPattern::parse).toList();
        final Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            final String message = randomText(random, random.nextInt(60));
            for (final FilterPattern pattern : patterns) {
                pattern.match(message);
            }
        }
    }

    @Test
    void randomPatternsParseOrFailWithAPosition() {
        final Random random = new Random(7);
        final String[] seeds = {"{ $.a = ", "[a, ", "{ ($.a", "[..., b ", "?x -y ", "%", "{ $.a IS ", "{ $.['"};
        int parsed = 0;
        for (int i = 0; i < 50_000; i++) {
            final String pattern = seeds[random.nextInt(seeds.length)] + randomText(random, random.nextInt(20));
            try {
                FilterPattern.parse(pattern).match("a b {\"a\":1}");
                parsed++;
            } catch (final FilterPatternException e) {
                assertThat(e.position()).as(pattern).isBetween(0, pattern.length());
                assertThat(e.reason()).isNotBlank();
            }
        }
        assertThat(parsed).as("some random patterns are valid").isPositive();
    }

    @Test
    void deeplyNestedJsonDoesNotMatchOrThrow() {
        final String nested = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(FilterPattern.parse("{ $.a NOT EXISTS }").match(nested)).isEmpty();
    }

    @Test
    void extremeNumbersDoNotThrow() {
        final FilterPattern pattern = FilterPattern.parse("{ $.a > 5 || $.a = 1e3 || $.a = 4* }");
        assertThat(pattern.match("{\"a\": 1e400}")).as("overflows a double: no value to compare").isEmpty();
        assertThat(pattern.match("{\"a\": 1" + "0".repeat(500) + "}")).isPresent();
        assertThat(pattern.match("{\"a\": \"1e99999999999\"}")).isEmpty();
        final ObjectNode infinite = JsonNodeFactory.instance.objectNode();
        infinite.set("a", DoubleNode.valueOf(Double.POSITIVE_INFINITY));
        assertThat(pattern.match(infinite)).isEmpty();
        infinite.set("a", DoubleNode.valueOf(Double.NaN));
        assertThat(pattern.match(infinite)).isEmpty();
        assertThat(FilterPattern.parse("[a, b > 5]").match("x 1e99999999999")).isEmpty();
    }

    @Test
    void largeMessagesAreHandled() {
        final String big = "x ".repeat(500_000) + "ERROR";
        assertThat(FilterPattern.parse("ERROR").match(big)).isPresent();
        assertThat(FilterPattern.parse("[..., last = ERROR]").match(big)).isPresent();
        assertThat(FilterPattern.parse("%ERROR$%").match(big)).isPresent();
    }

    @Test
    void sharedPatternsAreThreadSafe() throws Exception {
        final FilterPattern pattern = FilterPattern.parse(
            "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = %^AccessDenied% && $.n > 3) }");
        final List<String> messages = List.of("{\"errorCode\":\"AccessDenied\",\"n\":4}",
            "{\"errorCode\":\"AccessDenied\",\"n\":3}", "{\"errorCode\":\"Client.UnauthorizedOperation\"}", "nope");
        final List<Boolean> expected = List.of(true, false, true, false);
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        final int k = i % messages.size();
                        final Optional<Match> match = i % 2 == 0 ? pattern.match(messages.get(k))
                            : pattern.match(k == 3 ? tree("\"nope\"") : tree(messages.get(k)));
                        if (match.isPresent() != expected.get(k)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (final Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String randomText(final Random random, final int length) {
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
