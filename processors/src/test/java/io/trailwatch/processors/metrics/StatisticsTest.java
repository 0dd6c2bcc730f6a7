package io.trailwatch.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.MetricStatistics;
import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatisticsTest {

    private static final MetricIdentity ID = new MetricIdentity("App", "Latency", new TreeMap<>(), "Milliseconds");

    @ParameterizedTest
    @ValueSource(strings = {"SampleCount", "Sum", "Average", "Minimum", "Maximum"})
    void standardStatisticsAreValidAndNotExtended(final String statistic) {
        assertThat(Statistics.isValidStatistic(statistic)).isTrue();
        assertThat(Statistics.isExtended(statistic)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p0", "p0.0", "p1", "p50", "p99", "p99.9", "p99.99", "p95.45", "p99.1234567891", "p100", "p100.0",
        "p100.0000000000"})
    void percentilesAreExtendedStatistics(final String statistic) {
        assertThat(Statistics.isValidStatistic(statistic)).isTrue();
        assertThat(Statistics.isExtended(statistic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sum", "SUM", "Avg", "P99", "p", "p-1", "p100.1", "p101", "p200", "p099", "p99.", "p.5",
        "p99.12345678901", "p99,9", " p99", "p99 ", "tm90", "IQM", "TM(10%:90%)", "wm98", "PR(:300)", "tc90", "ts90"})
    void everythingElseIsInvalid(final String statistic) {
        assertThat(Statistics.isValidStatistic(statistic)).isFalse();
        assertThat(Statistics.isExtended(statistic)).isFalse();
        final MetricStatistics stats = statistics(MetricAggregate.empty().add(Datums.value(1)));
        assertThatThrownBy(() -> Statistics.value(stats, statistic))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + statistic + "'");
    }

    @Test
    void nullIsInvalid() {
        assertThat(Statistics.isValidStatistic(null)).isFalse();
        assertThat(Statistics.isExtended(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"SampleCount,4", "Sum,10", "Average,2.5", "Minimum,1", "Maximum,4", "p0,1", "p25,1", "p25.1,2", "p50,2",
        "p75,3", "p100,4"})
    void valuesOfEachStatistic(final String statistic, final double expected) {
        final MetricAggregate aggregate = MetricAggregate.empty();
        for (final double v : new double[] {4, 2, 3, 1}) {
            aggregate.add(Datums.value(v));
        }
        assertThat(Statistics.value(statistics(aggregate), statistic).getAsDouble())
                .isCloseTo(expected, org.assertj.core.api.Assertions.within(expected * PercentileSketch.RELATIVE_ACCURACY));
    }

    @Test
    void percentileIsEmptyWithoutASketchButStandardStatisticsRemain() {
        final MetricStatistics ruledOut = statistics(MetricAggregate.empty().add(Datums.value(-5)).add(Datums.value(5)));
        assertThat(Statistics.value(ruledOut, "p99")).isEmpty();
        assertThat(Statistics.value(ruledOut, "Minimum")).hasValue(-5);
        assertThat(Statistics.value(ruledOut, "Average")).hasValue(0);
    }

    @Test
    void percentileOfMatchesTheName() {
        assertThat(Statistics.percentileOf("p99.9")).isEqualTo(99.9);
        assertThatThrownBy(() -> Statistics.percentileOf("Sum")).isInstanceOf(IllegalArgumentException.class);
    }

    private static MetricStatistics statistics(final MetricAggregate aggregate) {
        return aggregate.toStatistics(ID, Instant.EPOCH, 60);
    }
}
