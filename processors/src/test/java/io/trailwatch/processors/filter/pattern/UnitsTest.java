package io.trailwatch.processors.filter.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small building blocks: wildcards, numbers, message fields. */
class UnitsTest {

    @Nested
    class Wildcards {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "abc      | abc      | true",
            "abc      | abcd     | false",
            "*        | ``       | true",
            "*        | anything | true",
            "**       | x        | true",
            "a*       | a        | true",
            "*a       | a        | true",
            "a*a      | a        | false",
            "a*a      | aa       | true",
            "a*a      | aba      | true",
            "*ab*ab*  | xabyab   | true",
            "*ab*ab*  | xab      | false",
            "a*b*c    | aXbYc    | true",
            "a*b*c    | aXcYb    | false",
            "ab*bc    | abc      | false",
            "ab*bc    | abbc     | true",
        })
        void wildcardMatchesTheWholeText(final String wildcard, final String text, final boolean expected) {
            assertThat(Wildcard.of(wildcard).matches(text)).isEqualTo(expected);
        }
    }

    @Nested
    class NumberSyntax {

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "+1000", "55.5", "1e3", "1E+3", "10e-3", ".5", "5.", "-.5e-2", "007"})
        void numbers(final String text) {
            assertThat(Numbers.isNumber(text)).isTrue();
            assertThat(Numbers.parse(text)).isNotNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-", "+", ".", "e3", "1e", "1e+", "1.2.3", "0x10", "1,000", "NaN", "Infinity",
            "12a", " 1", "1 ", "--1", "4*"})
        void notNumbers(final String text) {
            assertThat(Numbers.isNumber(text)).isFalse();
            assertThat(Numbers.parse(text)).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1e99999999999", "1e-99999999999"})
        void exponentsBeyondRangeHaveNoValue(final String text) {
            assertThat(Numbers.isNumber(text)).isTrue();
            assertThat(Numbers.parse(text)).isNull();
        }

        @ParameterizedTest
        @CsvSource({"1e3, 1000", "0.10, 0.1", "+5, 5", "-0, 0"})
        void equalValuesCompareEqual(final String a, final String b) {
            assertThat(Numbers.parse(a).compareTo(new BigDecimal(b))).isZero();
        }
    }

    @Nested
    class Fields {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a b c                        | a,b,c",
            "`  a   b  `                  | a,b",
            "[x y] \"p q\" z              | x y,p q,z",
            "a[b c]                       | a[b,c]",
            "\"a\"b                       | a,b",
            "[] \"\"                      | ,",
            "`\"open`                     | \"open",
        })
        void splitsOnWhitespaceAndGroupsBracketsAndQuotes(final String message, final String expected) {
            final List<String> values = MessageFields.split(message).stream().map(MessageFields.Field::value).toList();
            assertThat(String.join(",", values)).isEqualTo(expected);
        }
    }
}
