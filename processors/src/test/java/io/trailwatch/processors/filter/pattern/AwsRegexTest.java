package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.matches;
import static io.trailwatch.processors.filter.pattern.PatternAssertions.parseError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The regex subset of the AWS page's "Supported regular expressions (regex) syntax" section. */
class AwsRegexTest {

    @ParameterizedTest(name = "{0} on \"{1}\" -> {2}")
    @CsvSource(delimiterString = " ~> ", quoteCharacter = '`', value = {
        "%^[hc]at% ~> hat trick ~> true",
        "%^[hc]at% ~> that ~> false",
        "%[hc]at$% ~> that ~> true",
        "%[hc]at$% ~> hats ~> false",
        "%colou?r% ~> color ~> true",
        "%colou?r% ~> colour ~> true",
        "%colou?r% ~> colouur ~> false",
        "%[abcx-z]% ~> y ~> true",
        "%[abcx-z]% ~> w ~> false",
        "%[^0-9]% ~> 123 ~> false",
        "%a{3,5}% ~> aaa ~> true",
        "%a{3,5}% ~> aa ~> false",
        "%^a{3}$% ~> aaa ~> true",
        "%^a{3}$% ~> aaaa ~> false",
        "%^a{2,}$% ~> aaaaaaa ~> true",
        "%^a{,2}$% ~> aa ~> true",
        "%^a{,2}$% ~> aaa ~> false",
        "%^a{2, 3}$% ~> aaa ~> true",
        "%gra|ey% ~> gray ~> true",
        "%gra|ey% ~> grey ~> true",
        "%gra|ey% ~> blue ~> false",
        "%^starting|^initializing|^shutting down% ~> shutting down now ~> true",
        "%^starting|^initializing|^shutting down% ~> skipping initializing ~> false",
        "%\\[.\\]% ~> [a] ~> true",
        "%\\[.\\]% ~> [ab] ~> false",
        "%ab*c% ~> ac ~> true",
        "%ab*c% ~> abbbc ~> true",
        "%ab[0-9]*% ~> ab129 ~> true",
        "%ab+c% ~> abc ~> true",
        "%ab+c% ~> ac ~> false",
        "%.at% ~> ` at` ~> true",
        "%.at% ~> at ~> false",
        "%10.10.0.1% ~> 10010,051 ~> true",
        "%10\\.10\\.0\\.1% ~> 10010,051 ~> false",
        "%10\\.10\\.0\\.1% ~> host 10.10.0.1 up ~> true",
        "%\\d% ~> a1 ~> true",
        "%\\D% ~> 123 ~> false",
        "%\\s% ~> a b ~> true",
        "%\\S% ~> `   ` ~> false",
        "%^\\w+$% ~> abc_123 ~> true",
        "%\\W% ~> abc_123 ~> false",
        "%\\x3A% ~> a:b ~> true",
        "%\\x28% ~> f(x) ~> true",
        "%[\\]]% ~> a]b ~> true",
        "%a[[]b% ~> a[b ~> true",
        "%a:b_c#d=e@f/g;h-i% ~> a:b_c#d=e@f/g;h-i ~> true",
    })
    void documentedOperatorsBehaveAsDocumented(final String pattern, final String message, final boolean expected) {
        assertThat(matches(pattern, message)).isEqualTo(expected);
    }

    @Test
    void dotMatchesLineBreaks() {
        assertThat(matches("%first.second%", "first\nsecond")).isTrue();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiterString = " ~> ", quoteCharacter = '`', value = {
        "%something!% ~> 10 ~> character '!' is not supported in regular expressions; use \\x21 to match it",
        "%(ab)+% ~> 1 ~> parentheses are not supported in regular expressions",
        "%[(]% ~> 2 ~> parentheses are not supported in regular expressions",
        "%café% ~> 4 ~> multi-byte characters are not supported in regular expressions",
        "%a+?% ~> 3 ~> a quantifier cannot follow another quantifier",
        "%a*+% ~> 3 ~> a quantifier cannot follow another quantifier",
        "%a{2}{3}% ~> 5 ~> a quantifier cannot follow another quantifier",
        "%(a)\\1% ~> 1 ~> parentheses are not supported in regular expressions",
        "%a\\1% ~> 2 ~> unsupported escape '\\1'",
        "%\\bword% ~> 1 ~> unsupported escape '\\b'",
        "%\\p{L}% ~> 1 ~> unsupported escape '\\p'",
        "%\\x4% ~> 1 ~> '\\x' must be followed by two hexadecimal digits",
        "%abc\\% ~> 4 ~> a regular expression cannot end with '\\'",
        "%[]a]% ~> 2 ~> empty character class '[]'",
        "%[^]% ~> 3 ~> empty character class '[]'",
        "%[a-z% ~> 1 ~> unterminated character class: missing ']'",
        "%a{x}% ~> 2 ~> '{' must start a repetition such as {3}, {3,5}, {3,} or {,5}",
        "%a{}% ~> 2 ~> '{' must start a repetition such as {3}, {3,5}, {3,} or {,5}",
        "%a{3% ~> 2 ~> '{' without a closing '}'",
        "%a}% ~> 2 ~> '}' without a matching '{'",
        "%a{5,2}% ~> 2 ~> repetition {5,2} has its minimum above its maximum",
        "%a{1234567}% ~> 2 ~> repetition bound is too large",
        "%*abc% ~> 0 ~> invalid regular expression: Dangling meta character '*'",
        "%% ~> 0 ~> empty regular expression",
    })
    void unsupportedSyntaxIsRejectedAtItsPosition(final String pattern, final int position, final String reason) {
        final FilterPatternException error = parseError(pattern);
        assertThat(error.reason()).isEqualTo(reason);
        assertThat(error.position()).isEqualTo(position);
    }

    @Test
    void regexesCountAgainstTheQuotaInEveryLanguage() {
        assertThat(FilterPattern.parse("%a% %b%").kind()).isEqualTo(PatternKind.TERMS);
        assertThat(parseError("%a% %b% %c%").position()).isEqualTo(8);
        assertThat(parseError("{ $.a = %a% || $.b = %b% || $.c = %c% }").position()).isEqualTo(34);
        assertThat(parseError("[a = %a%, b = %b%, c = %c%]").position()).isEqualTo(23);
        assertThat(parseError("[a = %a%, b = %b%, c = %c%]").reason())
            .isEqualTo("a filter pattern may contain at most 2 regular expressions");
    }
}
