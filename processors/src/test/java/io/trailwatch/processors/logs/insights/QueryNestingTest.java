package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A query within StartQuery's 10,000 characters that nests deeply is a MalformedQueryException naming where, not a
 * StackOverflowError on the thread that parses it (nor, later, on a scan thread that evaluates it).
 */
class QueryNestingTest {

    @Test
    void deepParenthesesAreMalformed() {
        assertThatThrownBy(() -> InsightsQuery.parse("filter " + "(".repeat(4_990) + "1" + ")".repeat(4_990)))
            .isInstanceOf(MalformedQueryException.class).hasMessageContaining("nests more than");
    }

    @Test
    void longChainsOfNotMinusAndPowerAreMalformed() {
        for (final String query : new String[] {"filter " + "not ".repeat(2_400) + "1",
            "filter " + "- ".repeat(4_900) + "1", "filter " + "2^".repeat(4_900) + "1"}) {
            assertThatThrownBy(() -> InsightsQuery.parse(query)).isInstanceOf(MalformedQueryException.class)
                .hasMessageContaining("nests more than");
        }
    }

    @Test
    void ordinaryNestingStillParses() {
        assertThatCode(() -> InsightsQuery.parse("filter " + "(".repeat(30) + "a = 1 or not (b > -(2^3))"
            + ")".repeat(30) + " | stats count(*) by bin(5m)")).doesNotThrowAnyException();
    }
}
