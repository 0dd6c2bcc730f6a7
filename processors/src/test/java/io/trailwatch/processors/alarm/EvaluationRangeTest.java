package io.trailwatch.processors.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluationRangeTest {

    @Test
    void threeEvaluationPeriodsLookAtFiveAsTheUserGuideShows() {
        assertThat(EvaluationRange.periods(3)).isEqualTo(5);
        assertThat(EvaluationRange.periods(1)).isEqualTo(3);
        assertThat(EvaluationRange.periods(20)).isEqualTo(22);
    }

    @ParameterizedTest(name = "{0} s at {1} -> {2}")
    @CsvSource({
        "60, 2021-11-26T13:46:30Z, 2021-11-26T13:45:00Z",
        "60, 2021-11-26T13:46:00Z, 2021-11-26T13:45:00Z",
        "60, 2021-11-26T13:45:59.999Z, 2021-11-26T13:44:00Z",
        "300, 2021-11-26T13:46:30Z, 2021-11-26T13:40:00Z",
        "300, 2021-11-26T13:45:00Z, 2021-11-26T13:40:00Z",
        "10, 2021-11-26T13:46:25Z, 2021-11-26T13:46:10Z",
        "30, 2021-11-26T13:46:25Z, 2021-11-26T13:45:30Z",
        "3600, 2021-11-26T13:46:25Z, 2021-11-26T12:00:00Z",
        "86400, 2021-11-26T13:46:25Z, 2021-11-25T00:00:00Z",
    })
    void theNewestPeriodIsTheNewestCompleteOneOnTheEpochGrid(final int period, final Instant now,
                                                             final Instant newest) {
        assertThat(EvaluationRange.newestCompletePeriodStart(period, now)).isEqualTo(newest);
    }

    @Test
    void listsTheRangeNewestFirst() {
        assertThat(EvaluationRange.periodStarts(300, 2, Instant.parse("2021-11-26T13:46:30Z"))).containsExactly(
            Instant.parse("2021-11-26T13:40:00Z"), Instant.parse("2021-11-26T13:35:00Z"),
            Instant.parse("2021-11-26T13:30:00Z"), Instant.parse("2021-11-26T13:25:00Z"));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> EvaluationRange.periods(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvaluationRange.newestCompletePeriodStart(0, Instant.EPOCH))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
