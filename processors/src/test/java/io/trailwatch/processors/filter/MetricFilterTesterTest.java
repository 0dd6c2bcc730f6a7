package io.trailwatch.processors.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TestMetricFilter's behaviour, with AWS's own example pattern and messages. */
class MetricFilterTesterTest {

    @Test
    void reportsTheMatchingMessagesWithTheirNumberAndExtractedValues() {
        final List<MetricFilterTester.TestMatch> matches = MetricFilterTester.test("{ $.eventType = \"UpdateTrail\" }",
            List.of("{\"eventType\": \"UpdateTrail\", \"user\": \"alice\"}", "{\"eventType\": \"CreateTrail\"}",
                "not json", "{\"eventType\": \"UpdateTrail\"}"));

        assertThat(matches).extracting(MetricFilterTester.TestMatch::eventNumber).containsExactly(1L, 4L);
        assertThat(matches.get(0).eventMessage()).isEqualTo("{\"eventType\": \"UpdateTrail\", \"user\": \"alice\"}");
        assertThat(matches.get(0).extractedValues()).isEqualTo(Map.of("$.eventType", "UpdateTrail"));
    }

    @Test
    void aBadPatternIsReportedWithItsPosition() {
        assertThatThrownBy(() -> MetricFilterTester.test("{ $.latency > }", List.of("x")))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("filterPattern");
                assertThat(e.reason()).startsWith("Invalid filter pattern at position");
            });
    }

    @Test
    void oneToFiftyMessagesAreRequired() {
        assertThatThrownBy(() -> MetricFilterTester.test("ERROR", List.of())).hasMessageContaining("logEventMessages");
        assertThatThrownBy(() -> MetricFilterTester.test("ERROR", Collections.nCopies(51, "ERROR")))
            .hasMessageContaining("got 51");
        assertThat(MetricFilterTester.test("ERROR", Collections.nCopies(50, "ERROR"))).hasSize(50);
    }
}
