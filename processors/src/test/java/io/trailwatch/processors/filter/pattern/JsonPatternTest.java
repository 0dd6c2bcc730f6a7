package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.matchJson;
import static io.trailwatch.processors.filter.pattern.PatternAssertions.matchesJson;
import static io.trailwatch.processors.filter.pattern.PatternAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPatternTest {

    private static final String EVENT = """
        {"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111",
         "arrayKey":["value","another value"],
         "objectList":[{"name":"a","id":1},{"name":"b","id":2}],
         "SomeObject":null,"ThisFlag":true,"OtherFlag":false,"cluster.name":"c",
         "nested":{"deeper":{"leaf":"x","hyphen-key":"h","under_key":"u"}},
         "coordinates":[[0,1,2],[4,5,6]],
         "latency":50,"ratio":0.25,"negative":-7,"big":1500000,"numericText":"400","emptyText":""}
        """;

    @Test
    void kindIsJson() {
        assertThat(FilterPattern.parse("{ $.a = 1 }").kind()).isEqualTo(PatternKind.JSON);
        assertThat(FilterPattern.parse("  {$.a=1}  ").kind()).isEqualTo(PatternKind.JSON);
    }

    @Nested
    class Selectors {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{ $.eventType = UpdateTrail }                 | true",
            "{ $.nested.deeper.leaf = x }                  | true",
            "{ $.nested.deeper.hyphen-key = h }            | true",
            "{ $.nested.deeper.under_key = u }             | true",
            "{ $.arrayKey[0] = value }                     | true",
            "{ $.arrayKey[1] = \"another value\" }         | true",
            "{ $.arrayKey[2] = value }                     | false",
            "{ $.objectList[1].id = 2 }                    | true",
            "{ $.objectList[1].name = b }                  | true",
            "{ $.objectList[0].id = 2 }                    | false",
            "{ $.coordinates[1][2] = 6 }                   | true",
            "{ $.['cluster.name'] = c }                    | true",
            "{ $[\"cluster.name\"] = c }                   | true",
            "{ $.nested['deeper'].leaf = x }               | true",
            "{ $.cluster.name = c }                        | false",
            "{ $.eventType[0] = UpdateTrail }              | false",
            "{ $.arrayKey.value = value }                  | false",
        })
        void pathsFollowObjectsAndArrays(final String pattern, final boolean expected) {
            assertThat(matchesJson(pattern, EVENT)).isEqualTo(expected);
        }

        @Test
        void fieldWildcardSelectsAnyTopLevelField() {
            assertThat(matchesJson("{ $.* = \"111.111.111.111\" }", EVENT)).isTrue();
            assertThat(matchesJson("{ $.* = \"222.222.222.222\" }", EVENT)).isFalse();
            assertThat(matchesJson("{ $.nested.deeper.* = h }", EVENT)).isTrue();
        }

        @Test
        void elementWildcardSelectsAnyArrayElement() {
            assertThat(matchesJson("{ $.arrayKey[*] = \"another value\" }", EVENT)).isTrue();
            assertThat(matchesJson("{ $.objectList[*].id = 2 }", EVENT)).isTrue();
            assertThat(matchesJson("{ $.objectList[*].id = 3 }", EVENT)).isFalse();
            assertThat(matchesJson("{ $.objectList[*].id > 1 }", EVENT)).isTrue();
        }

        @Test
        void selectorReachingObjectOrArrayNeverMatches() {
            // AWS: both {$.users = 1} and {$.users != 1} fail to match when users is an array.
            final String users = "{\"users\":[1,2,3],\"user\":{\"id\":1}}";
            assertThat(matchesJson("{ $.users = 1 }", users)).isFalse();
            assertThat(matchesJson("{ $.users != 1 }", users)).isFalse();
            assertThat(matchesJson("{ $.user != 1 }", users)).isFalse();
            assertThat(matchesJson("{ $.user = * }", users)).isFalse();
            assertThat(matchesJson("{ $.users > 0 }", users)).isFalse();
        }
    }

    @Nested
    class StringComparisons {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{ $.eventType = \"UpdateTrail\" }      | true",
            "{ $.eventType = UpdateTrail }          | true",
            "{ $.eventType = updatetrail }          | false",
            "{ $.eventType != \"UpdateTrail\" }     | false",
            "{ $.eventType != DeleteTrail }         | true",
            "{ $.eventType = Update* }              | true",
            "{ $.eventType = \"*Trail\" }           | true",
            "{ $.eventType = Up*Tr*il }             | true",
            "{ $.eventType = *date* }               | true",
            "{ $.eventType = *Delete* }             | false",
            "{ $.eventType = \"Update*Bucket\" }    | false",
            "{ $.eventType != Update* }             | false",
            "{ $.sourceIPAddress != 123.123.* }     | true",
            "{ $.sourceIPAddress = 111.111.* }      | true",
            "{ $.emptyText = \"\" }                 | true",
            "{ $.emptyText = * }                    | true",
            "{ $.ThisFlag = true }                  | true",
            "{ $.SomeObject = * }                   | false",
            "{ $.SomeObject != x }                  | false",
        })
        void equalityWithAndWithoutWildcards(final String pattern, final boolean expected) {
            assertThat(matchesJson(pattern, EVENT)).isEqualTo(expected);
        }

        @Test
        void loneStarRequiresThePropertyToBePresent() {
            assertThat(matchesJson("{ $.latency = * }", "{\"latency\":50,\"requestType\":\"GET\"}")).isTrue();
            assertThat(matchesJson("{ $.latency = * }", "{\"requestType\":\"GET\"}")).isFalse();
            assertThat(matchesJson("{ $.latency = \"*\" }", "{\"latency\":\"slow\"}")).isTrue();
        }

        @Test
        void notEqualNeverMatchesAnAbsentField() {
            // TestMetricFilter does not match != on a missing field (DataBiosphere/azul#5884); NOT EXISTS does.
            final String record = "{\"errorCode\":\"AccessDenied\",\"userIdentity\":{\"accountId\":\"anonymous\"}}";
            assertThat(matchesJson("{ ($.errorCode = \"AccessDenied\") && "
                + "($.userIdentity.invokedBy != \"cloudfront.amazonaws.com\") }", record)).isFalse();
            assertThat(matchesJson("{ ($.errorCode = \"AccessDenied\") && ($.userIdentity.invokedBy NOT EXISTS "
                + "|| $.userIdentity.invokedBy != \"cloudfront.amazonaws.com\") }", record)).isTrue();
        }
    }

    @Nested
    class NumericComparisons {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{ $.latency = 50 }        | true",
            "{ $.latency = 50.0 }      | true",
            "{ $.latency = 5e1 }       | true",
            "{ $.latency = 0.5E+2 }    | true",
            "{ $.latency != 50 }       | false",
            "{ $.latency != 51 }       | true",
            "{ $.latency < 51 }        | true",
            "{ $.latency < 50 }        | false",
            "{ $.latency <= 50 }       | true",
            "{ $.latency > 49.999 }    | true",
            "{ $.latency > 50 }        | false",
            "{ $.latency >= 50 }       | true",
            "{ $.latency >= +50 }      | true",
            "{ $.ratio = .25 }         | true",
            "{ $.ratio < 25e-2 }       | false",
            "{ $.ratio <= 25e-2 }      | true",
            "{ $.negative = -7 }       | true",
            "{ $.negative < -6.5 }     | true",
            "{ $.negative > -7 }       | false",
            "{ $.big >= 1.5e6 }        | true",
            "{ $.big > 1.5E+6 }        | false",
            "{ $.numericText = 400 }   | true",
            "{ $.numericText >= 4e2 }  | true",
            "{ $.numericText = \"400\" } | true",
            "{ $.latency = \"50\" }    | true",
            "{ $.latency = 5* }        | true",
            "{ $.latency = 4* }        | false",
            "{ $.eventType < 5 }       | false",
            "{ $.eventType != 5 }      | false",
            "{ $.missing < 5 }         | false",
            "{ $.ThisFlag = 1 }        | false",
        })
        void numbersCompareByValue(final String pattern, final boolean expected) {
            assertThat(matchesJson(pattern, EVENT)).isEqualTo(expected);
        }

        @Test
        void largeAndPreciseNumbersCompareExactly() {
            final String json = "{\"id\":123456789012345678901234567890,\"amount\":0.1}";
            assertThat(matchesJson("{ $.id = 123456789012345678901234567890 }", json)).isTrue();
            assertThat(matchesJson("{ $.id > 123456789012345678901234567889 }", json)).isTrue();
            assertThat(matchesJson("{ $.amount = 0.10 }", json)).isTrue();
        }
    }

    @Nested
    class Predicates {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{ $.SomeObject IS NULL }        | true",
            "{ $.eventType IS NULL }         | false",
            "{ $.SomeOtherObject IS NULL }   | false",
            "{ $.ThisFlag IS TRUE }          | true",
            "{ $.ThisFlag IS FALSE }         | false",
            "{ $.OtherFlag IS FALSE }        | true",
            "{ $.OtherFlag IS TRUE }         | false",
            "{ $.SomeOtherObject NOT EXISTS }| true",
            "{ $.SomeObject NOT EXISTS }     | false",
            "{ $.eventType NOT EXISTS }      | false",
            "{ $.nested.deeper NOT EXISTS }  | false",
            "{ $.nested.absent.leaf NOT EXISTS } | true",
            "{ $.arrayKey[5] NOT EXISTS }    | true",
            "{ $.objectList[*].email NOT EXISTS } | true",
            "{ $.objectList[*].id NOT EXISTS }    | false",
            "{ $.ThisFlag is true }          | true",
            "{ $.SomeOtherObject not exists }| true",
        })
        void isAndNotExists(final String pattern, final boolean expected) {
            assertThat(matchesJson(pattern, EVENT)).isEqualTo(expected);
        }

        @Test
        void isTrueNeedsABooleanNotTheString() {
            assertThat(matchesJson("{ $.flag IS TRUE }", "{\"flag\":\"true\"}")).isFalse();
        }
    }

    @Nested
    class Compound {

        @ParameterizedTest
        @CsvSource(delimiterString = " ~> ", value = {
            "{ $.latency = 50 && $.eventType = UpdateTrail } ~> true",
            "{ $.latency = 50 && $.eventType = DeleteTrail } ~> false",
            "{ $.latency = 1 || $.eventType = UpdateTrail } ~> true",
            "{ $.latency = 1 || $.eventType = DeleteTrail } ~> false",
            "{ $.latency = 50 || $.latency = 1 && $.eventType = DeleteTrail } ~> true",
            "{ ($.latency = 50 || $.latency = 1) && $.eventType = DeleteTrail } ~> false",
            "{ $.latency = 1 && $.eventType = DeleteTrail || $.ThisFlag IS TRUE } ~> true",
            "{ $.latency = 1 && ($.eventType = DeleteTrail || $.ThisFlag IS TRUE) } ~> false",
            "{ ((($.latency = 50))) } ~> true",
            "{($.latency=50)&&($.eventType=UpdateTrail)||($.x=1)} ~> true",
        })
        void andBindsTighterThanOrAndParenthesesOverrideBoth(final String pattern, final boolean expected) {
            assertThat(matchesJson(pattern, EVENT)).isEqualTo(expected);
        }
    }

    @Nested
    class Regexes {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{ $.eventType = %Trail% }                          | true",
            "{ $.eventType = %^Trail% }                         | false",
            "{ $.eventType != %Delete% }                        | true",
            "{ $.eventType != %Update% }                        | false",
            "{ $.arrayKey[*] = %val.{2}% }                      | true",
            "{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }          | true",
            "{ $.sourceIPAddress = %^111\\.111\\.111\\.2% }     | false",
            "{ $.latency = %^5[0-9]$% }                         | true",
            "{ $.eventType = %Trail% && $.sourceIPAddress = %^111% } | true",
        })
        void regexValuesAreSearched(final String pattern, final boolean expected) {
            assertThat(matchesJson(pattern, EVENT)).isEqualTo(expected);
        }
    }

    @Nested
    class ExtractedValues {

        @Test
        void selectorsOfThePatternReportTheirValues() {
            final Match match = matchJson("{ $.eventName = \"DeleteBucket\" }",
                tree("{\"eventName\":\"DeleteBucket\",\"other\":1}")).orElseThrow();
            assertThat(match.extractedValues()).containsExactly(Map.entry("$.eventName", "DeleteBucket"));
        }

        @Test
        void absentNullAndContainerSelectorsAreLeftOut() {
            final Match match = matchJson("{ $.a = 1 || $.missing = 2 || $.n IS NULL || $.o NOT EXISTS || "
                + "$.arr = 3 || $.b IS TRUE || $.a > 0 }", tree("{\"a\":1,\"n\":null,\"arr\":[3],\"b\":true}"))
                .orElseThrow();
            assertThat(match.extractedValues()).containsExactly(Map.entry("$.a", "1"), Map.entry("$.b", "true"));
        }

        @Test
        void wildcardSelectorsReportTheFirstValue() {
            final Match match = matchJson("{ $.list[*].id > 1 }", tree("{\"list\":[{\"id\":1},{\"id\":2}]}"))
                .orElseThrow();
            assertThat(match.extractedValues()).containsExactly(Map.entry("$.list[*].id", "1"));
        }

        @Test
        void matchCarriesTheEvent() {
            final Match match = matchJson("{ $.latency = * }", tree("{\"latency\":50}")).orElseThrow();
            assertThat(match.event().get("latency").intValue()).isEqualTo(50);
        }
    }

    @Nested
    class NonJsonMessages {

        @ParameterizedTest
        @ValueSource(strings = {"", "plain text", "{\"a\":1", "{\"a\":1} trailing", "{'a':1}", "[1,2", "null",
            "42", "\"a string\"", "{\"a\":1}{\"a\":1}", "   ", "{\"a\":}"})
        void malformedOrScalarJsonDoesNotMatch(final String message) {
            assertThat(FilterPattern.parse("{ $.a = 1 || $.x NOT EXISTS }").match(message)).isEmpty();
        }

        @Test
        void scalarTreesDoNotMatch() {
            final FilterPattern pattern = FilterPattern.parse("{ $.x NOT EXISTS }");
            assertThat(pattern.match(tree("42"))).isEmpty();
            assertThat(pattern.match(tree("\"text\""))).isEmpty();
            assertThat(pattern.match(tree("{}"))).isPresent();
        }

        @Test
        void topLevelArraysCanBeSelected() {
            assertThat(matchesJson("{ $[1].id = 2 }", "[{\"id\":1},{\"id\":2}]")).isTrue();
        }

        @Test
        void leadingWhitespaceBeforeJsonIsAccepted() {
            assertThat(FilterPattern.parse("{ $.a = 1 }").match("  \n {\"a\":1}")).isPresent();
        }
    }
}
