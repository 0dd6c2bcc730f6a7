package io.trailwatch.processors.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonOperatorTest {

    @ParameterizedTest(name = "{0}: {1} vs 10.0 -> {2}")
    @CsvSource({
        "GreaterThanOrEqualToThreshold, 9.999999, false",
        "GreaterThanOrEqualToThreshold, 10.0, true",
        "GreaterThanOrEqualToThreshold, 10.000001, true",
        "GreaterThanThreshold, 9.999999, false",
        "GreaterThanThreshold, 10.0, false",
        "GreaterThanThreshold, 10.000001, true",
        "LessThanThreshold, 9.999999, true",
        "LessThanThreshold, 10.0, false",
        "LessThanThreshold, 10.000001, false",
        "LessThanOrEqualToThreshold, 9.999999, true",
        "LessThanOrEqualToThreshold, 10.0, true",
        "LessThanOrEqualToThreshold, 10.000001, false",
    })
    void breachesOnItsSideOfTheThreshold(final ComparisonOperator operator, final double value,
                                         final boolean breaches) {
        assertThat(operator.breaches(value, 10.0)).isEqualTo(breaches);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "GreaterThanOrEqualToThreshold, greater than or equal to",
        "GreaterThanThreshold, greater than",
        "LessThanThreshold, less than",
        "LessThanOrEqualToThreshold, less than or equal to",
    })
    void phrasesAsStateReasonsDo(final ComparisonOperator operator, final String phrase) {
        assertThat(operator.phrase()).isEqualTo(phrase);
    }
}
