package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.matches;
import static io.trailwatch.processors.filter.pattern.PatternAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TermPatternTest {

    @Nested
    class SingleAndMultipleTerms {

        @Test
        void singleTermMatchesAnywhereInTheMessage() {
            assertThat(matches("ERROR", "[ERROR 400] BAD REQUEST")).isTrue();
            assertThat(matches("ERROR", "Exiting with ERRORCODE: -1")).as("substring, not word").isTrue();
            assertThat(matches("ERROR", "[INFO] all good")).isFalse();
        }

        @Test
        void termsAreCaseSensitive() {
            assertThat(matches("ERROR", "error: disk full")).isFalse();
            assertThat(matches("error", "error: disk full")).isTrue();
        }

        @Test
        void multipleTermsMustAllOccurInAnyOrder() {
            assertThat(matches("ERROR ARGUMENTS", "[ERROR 419] MISSING ARGUMENTS")).isTrue();
            assertThat(matches("ARGUMENTS ERROR", "[ERROR 419] MISSING ARGUMENTS")).isTrue();
            assertThat(matches("ERROR ARGUMENTS", "[ERROR 400] BAD REQUEST")).isFalse();
        }

        @Test
        void underscoresAndDigitsNeedNoQuotes() {
            assertThat(matches("task_timed_out 404", "task_timed_out after 404 ms")).isTrue();
        }

        @Test
        void extraWhitespaceBetweenTermsIsIgnored() {
            assertThat(matches("  ERROR \t  ARGUMENTS  ", "[ERROR 420] INVALID ARGUMENTS")).isTrue();
        }
    }

    @Nested
    class OptionalTerms {

        @Test
        void anyQuestionMarkTermSuffices() {
            assertThat(matches("?ERROR ?WARN", "ERROR message")).isTrue();
            assertThat(matches("?ERROR ?WARN", "WARN message")).isTrue();
            assertThat(matches("?ERROR ?WARN", "INFO message")).isFalse();
        }

        @Test
        void questionMarkTermsAreIgnoredNextToPlainTerms() {
            // AWS: "If you combine "?" with other filter patterns, all question mark terms will be ignored."
            assertThat(matches("?ERROR ?ARGUMENTS REQUEST", "[INFO] REQUEST FAILED")).isTrue();
            assertThat(matches("?ERROR ?ARGUMENTS REQUEST", "[ERROR 419] MISSING ARGUMENTS")).isFalse();
        }

        @Test
        void questionMarkTermsAreIgnoredNextToExclusions() {
            assertThat(matches("?ERROR -DEBUG", "INFO started")).isTrue();
            assertThat(matches("?ERROR -DEBUG", "DEBUG ERROR")).isFalse();
        }

        @Test
        void optionalTermsCanBePhrasesAndRegexes() {
            assertThat(matches("?\"disk full\" ?%timed? ?out%", "request timed out")).isTrue();
            assertThat(matches("?\"disk full\" ?%timed? ?out%", "the disk full alarm")).isTrue();
            assertThat(matches("?\"disk full\" ?%timed? ?out%", "disk is full")).isFalse();
        }
    }

    @Nested
    class Exclusions {

        @Test
        void minusExcludesMessagesContainingTheTerm() {
            assertThat(matches("ERROR -ARGUMENTS", "[ERROR 400] BAD REQUEST")).isTrue();
            assertThat(matches("ERROR -ARGUMENTS", "[ERROR 420] INVALID ARGUMENTS")).isFalse();
        }

        @Test
        void exclusionAloneMatchesEverythingElse() {
            assertThat(matches("-ERROR", "INFO fine")).isTrue();
            assertThat(matches("-ERROR", "ERROR bad")).isFalse();
        }

        @Test
        void quotedPhrasesAndRegexesCanBeExcluded() {
            assertThat(matches("ERROR -\"health check\"", "ERROR health check failed")).isFalse();
            assertThat(matches("ERROR -%^DEBUG%", "DEBUG ERROR trace")).isFalse();
            assertThat(matches("ERROR -%^DEBUG%", "ERROR DEBUG trace")).isTrue();
        }
    }

    @Nested
    class QuotedPhrases {

        @Test
        void phraseMustOccurExactly() {
            assertThat(matches("\"INTERNAL SERVER ERROR\"", "[ERROR 500] INTERNAL SERVER ERROR")).isTrue();
            assertThat(matches("\"INTERNAL SERVER ERROR\"", "[ERROR 500] SERVER INTERNAL ERROR")).isFalse();
        }

        @Test
        void nonAlphanumericTermsWorkWhenQuoted() {
            assertThat(matches("\"ERROR:\" \"user@example.com\"", "ERROR: login failed for user@example.com"))
                .isTrue();
            assertThat(matches("\"[ERROR]\"", "[ERROR] x")).isTrue();
        }

        @Test
        void backslashEscapesQuoteAndBackslashAsTheCdkWritesThem() {
            assertThat(matches("\"say \\\"hi\\\"\"", "they say \"hi\" twice")).isTrue();
            assertThat(matches("\"C:\\\\temp\"", "opened C:\\temp\\x")).isTrue();
            assertThat(matches("\"C:\\temp\"", "opened C:\\temp\\x")).as("other escapes kept as written").isTrue();
        }

        @Test
        void asteriskInsideAPhraseIsLiteral() {
            assertThat(matches("\"a*b\"", "value a*b here")).isTrue();
            assertThat(matches("\"a*b\"", "value axxb here")).isFalse();
        }
    }

    @Nested
    class MatchEverything {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\" \"", "\"\"", "\"   \""})
        void emptyAndBlankPatternsMatchEveryMessage(final String pattern) {
            final FilterPattern parsed = FilterPattern.parse(pattern);
            assertThat(parsed.kind()).isEqualTo(PatternKind.TERMS);
            assertThat(parsed.match("anything at all")).isPresent();
            assertThat(parsed.match("")).isPresent();
        }
    }

    @Nested
    class Regexes {

        @Test
        void regexTermFindsItsMatchAnywhere() {
            assertThat(matches("%AUTHORIZED%", "[ERROR 401] UNAUTHORIZED REQUEST")).isTrue();
            assertThat(matches("%AUTHORIZED%", "[SUCCESS 200] AUTHORIZED REQUEST")).isTrue();
            assertThat(matches("%AUTHORIZED%", "[ERROR 400] BAD REQUEST")).isFalse();
        }

        @Test
        void regexCombinesWithPlainTerms() {
            assertThat(matches("ERROR %4[0-9]{2}%", "[ERROR 404] NOT FOUND")).isTrue();
            assertThat(matches("ERROR %4[0-9]{2}%", "[ERROR 500] INTERNAL")).isFalse();
        }
    }

    @Test
    void termMatchesReportNoExtractedValuesAndNoEvent() {
        final Match match = FilterPattern.parse("ERROR").match("ERROR x").orElseThrow();
        assertThat(match.extractedValues()).isEmpty();
        assertThat(match.event().isMissingNode()).isTrue();
    }

    @Test
    void jsonMessagesAreSearchedAsText() {
        final FilterPattern pattern = FilterPattern.parse("\"\\\"errorCode\\\":\\\"AccessDenied\\\"\"");
        assertThat(pattern.match(tree("{\"errorCode\":\"AccessDenied\"}"))).isPresent();
        assertThat(FilterPattern.parse("AccessDenied").match(tree("{\"errorCode\":\"AccessDenied\"}"))).isPresent();
        assertThat(FilterPattern.parse("\"plain text\"").match(tree("\"plain text\""))).as("a JSON string node is "
            + "its text").isPresent();
    }
}
