package io.trailwatch.processors.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeCyclesTest {

    @Test
    void findsACycleThroughOtherComposites() {
        final Map<String, AlarmRule> rules = Map.of(
            "a", AlarmRule.parse("ALARM(b) OR ALARM(metric)"),
            "b", AlarmRule.parse("ALARM(c)"),
            "c", AlarmRule.parse("OK(a)"));

        assertThat(CompositeCycles.through("a", rules::get)).contains(List.of("a", "b", "c", "a"));
        assertThat(CompositeCycles.through("b", rules::get)).contains(List.of("b", "c", "a", "b"));
    }

    @Test
    void findsARuleOnItself() {
        assertThat(CompositeCycles.through("a", Map.of("a", AlarmRule.parse("ALARM(a)"))::get))
            .contains(List.of("a", "a"));
    }

    @Test
    void aDiamondIsNoCycle() {
        final Map<String, AlarmRule> rules = Map.of(
            "top", AlarmRule.parse("ALARM(left) AND ALARM(right)"),
            "left", AlarmRule.parse("ALARM(bottom)"),
            "right", AlarmRule.parse("ALARM(bottom)"),
            "bottom", AlarmRule.parse("ALARM(metric)"));

        assertThat(CompositeCycles.through("top", rules::get)).isEmpty();
    }

    @Test
    void aCycleElsewhereIsNotThisAlarms() {
        final Map<String, AlarmRule> rules = Map.of(
            "top", AlarmRule.parse("ALARM(x)"),
            "x", AlarmRule.parse("ALARM(y)"),
            "y", AlarmRule.parse("ALARM(x)"));

        assertThat(CompositeCycles.through("top", rules::get)).isEmpty();
        assertThat(CompositeCycles.through("x", rules::get)).contains(List.of("x", "y", "x"));
    }

    @Test
    void aMetricAlarmHasNoRuleAndNoCycle() {
        assertThat(CompositeCycles.through("metric", name -> null)).isEmpty();
    }
}
