package io.trailwatch.identity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', value = {
        "*                  | ''                            | true",
        "*                  | anything:at/all               | true",
        "''                 | ''                            | true",
        "''                 | a                             | false",
        "abc                | abc                           | true",
        "abc                | abcd                          | false",
        "abc                | ab                            | false",
        "a*                 | a                             | true",
        "a*                 | ba                            | false",
        "*a                 | ba                            | true",
        "*a                 | ab                            | false",
        "a*c                | ac                            | true",
        "a*c                | abbbc                         | true",
        "a*c                | abbbcd                        | false",
        "a*b*c              | acbc                          | true",
        "a*b*c              | acb                           | false",
        "a**c               | ac                            | true",
        "a*bc*bc            | abcbc                         | true",
        "a*bc*bc            | abc                           | false",
        "?                  | a                             | true",
        "?                  | ''                            | false",
        "?                  | ab                            | false",
        "a?c                | abc                           | true",
        "a?c                | ac                            | false",
        "*?                 | ''                            | false",
        "*?                 | x                             | true",
        "?*?                | x                             | false",
        "a*?b               | ab                            | false",
        "a*?b               | axb                           | true",
        "arn:aws:s3:::b/*   | arn:aws:s3:::b/dir/key.txt    | true",
        "arn:*:alarm:*      | arn:aws:cloudwatch:r:1:alarm:x| true",
    })
    void wildcards(final String pattern, final String text, final boolean matches) {
        assertThat(WildcardPattern.caseSensitive(pattern).matches(text)).isEqualTo(matches);
    }

    @Test
    void caseSensitiveMatchingComparesCase() {
        assertThat(WildcardPattern.caseSensitive("Prod*").matches("Prod-1")).isTrue();
        assertThat(WildcardPattern.caseSensitive("Prod*").matches("prod-1")).isFalse();
        assertThat(WildcardPattern.caseSensitive("prod*").matches("PROD-1")).isFalse();
    }

    @Test
    void caseInsensitiveMatchingIgnoresCaseOfPatternAndText() {
        assertThat(WildcardPattern.caseInsensitive("cloudwatch:Describe*").matches("CLOUDWATCH:describealarms")).isTrue();
        assertThat(WildcardPattern.caseInsensitive("CLOUDWATCH:DESCRIBE?LARMS").matches("cloudwatch:DescribeAlarms"))
            .isTrue();
        assertThat(WildcardPattern.caseInsensitive("cloudwatch:Describe*").matches("cloudwatch:DeleteAlarms")).isFalse();
    }

    @Test
    void questionMarkIsOneCharacterEvenOutsideTheBasicMultilingualPlane() {
        assertThat(WildcardPattern.caseSensitive("key-?").matches("key-\uD83D\uDE00")).isTrue();
        assertThat(WildcardPattern.caseSensitive("key-??").matches("key-\uD83D\uDE00")).isFalse();
    }

    @Test
    void pathologicalPatternsAreAnsweredWithoutBacktracking() {
        final String as = "a".repeat(100_000);
        // A backtracking regex (a.*a.*a.*...b) takes exponential time here; a timeout would fail the build.
        final String manyStars = "a*".repeat(200) + "b";

        assertThat(WildcardPattern.caseSensitive("a*a*a*a*b").matches(as)).isFalse();
        assertThat(WildcardPattern.caseSensitive("a*a*a*a*b").matches(as + "b")).isTrue();
        assertThat(WildcardPattern.caseSensitive(manyStars).matches(as)).isFalse();
        assertThat(WildcardPattern.caseSensitive(manyStars).matches(as + "b")).isTrue();
        assertThat(WildcardPattern.caseSensitive("*a*a*a*a*a*a*a*a*a*a*b*").matches(as)).isFalse();
        assertThat(WildcardPattern.caseInsensitive("*?*?*?*?*?*?*?*?*?*?*b").matches(as)).isFalse();
    }

    @Test
    void keepsThePatternAsWritten() {
        assertThat(WildcardPattern.caseInsensitive("CloudWatch:Describe*").pattern()).isEqualTo("CloudWatch:Describe*");
        assertThat(WildcardPattern.caseInsensitive("a*")).isEqualTo(WildcardPattern.caseInsensitive("a*"))
            .isNotEqualTo(WildcardPattern.caseSensitive("a*"));
    }
}
