package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolving metricValue and dimension selectors against a match. */
class MatchResolveTest {

    private static final String RECORD = "{\"eventName\":\"PutObject\",\"bytes\":1534,\"ratio\":0.5,\"ok\":true,"
        + "\"nothing\":null,\"obj\":{\"a\":1},\"arr\":[{\"x\":\"first\"},{\"x\":\"second\"}],\"k.v\":\"dotted\"}";

    private static Match jsonMatch() {
        return FilterPattern.parse("{ $.eventName = PutObject }").match(tree(RECORD)).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "$.eventName   | PutObject",
        "$.bytes       | 1534",
        "$.ratio       | 0.5",
        "$.ok          | true",
        "$.arr[1].x    | second",
        "$.arr[*].x    | first",
        "$.['k.v']     | dotted",
        "` $.bytes `   | 1534",
    })
    void jsonSelectorsResolveAgainstTheWholeEvent(final String selector, final String expected) {
        assertThat(jsonMatch().resolve(selector)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.missing", "$.nothing", "$.obj", "$.arr", "$.arr[5].x", "$.eventName.deeper", "1",
        "1.5", "literal", "", "$", "$.", "$.a b", "$eventName", "$1"})
    void unresolvableSelectorsAndLiteralsAreEmpty(final String selector) {
        assertThat(jsonMatch().resolve(selector)).isEmpty();
    }

    @Test
    void nullSelectorIsEmpty() {
        assertThat(jsonMatch().resolve(null)).isEmpty();
    }

    @Test
    void spaceDelimitedSelectorsResolveExtractedFields() {
        final Match match = FilterPattern.parse("[..., status_code, bytes]").match("GET /x 404 1534").orElseThrow();
        assertThat(match.resolve("$status_code")).contains("404");
        assertThat(match.resolve("$bytes")).contains("1534");
        assertThat(match.resolve("$1")).contains("GET");
        assertThat(match.resolve("$2")).contains("/x");
        assertThat(match.resolve("$3")).as("named fields are reported by name only, as TestMetricFilter does")
            .isEmpty();
        assertThat(match.resolve("$.status_code")).isEmpty();
        assertThat(match.resolve("$missing")).isEmpty();
        assertThat(match.resolve("1")).isEmpty();
    }

    @Test
    void termMatchesResolveNothing() {
        final Match match = FilterPattern.parse("PutObject").match(tree(RECORD)).orElseThrow();
        assertThat(match.resolve("$.eventName")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "$.eventName      | true",
        "$.a[0].b-c_d     | true",
        "$.['a.b']        | true",
        "$.*              | true",
        "$status_code     | true",
        "$1               | true",
        "$.               | false",
        "$.a[x]           | false",
        "1                | false",
        "$                | false",
        "$a.b             | false",
        "eventName        | false",
    })
    void isSelectorChecksTheForm(final String text, final boolean expected) {
        assertThat(Match.isSelector(text)).isEqualTo(expected);
    }

    @Test
    void extractedValuesAreAnImmutableCopy() {
        final Map<String, String> values = new HashMap<>(Map.of("$a", "1"));
        final Match match = new Match(values, null);
        values.put("$b", "2");
        assertThat(match.extractedValues()).containsOnlyKeys("$a");
        assertThatThrownBy(() -> match.extractedValues().put("$c", "3"))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThat(match.event().isMissingNode()).isTrue();
    }
}
