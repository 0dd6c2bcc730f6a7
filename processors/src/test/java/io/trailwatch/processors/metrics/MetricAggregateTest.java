package io.trailwatch.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricAggregateTest {

    private static final List<String> PERCENTILES = percentiles();

    static Stream<Scenario> scenarios() {
        return Stream.of(1L, 2L, 3L).flatMap(Scenario::all);
    }

    /** Fixed points that matter to alarms plus random ones with up to 10 decimals. */
    private static List<String> percentiles() {
        final List<String> list = new ArrayList<>(List.of(
                "0", "0.1", "1", "5", "10", "25", "50", "75", "90", "95", "99", "99.5", "99.9", "99.99", "100"));
        final Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            list.add(Integer.toString(random.nextInt(100)) + "." + String.format("%010d", random.nextInt(1_000_000_000)));
        }
        return Collections.unmodifiableList(list);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void basicStatisticsMatchTheBruteForceReference(final Scenario scenario) {
        assertMatchesReference(scenario.aggregate(), scenario.reference());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void percentilesAreWithinOnePercentOfTheNearestRankValue(final Scenario scenario) {
        assertPercentilesMatch(scenario.aggregate(), scenario.reference());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void mergingPartsEqualsAggregatingEverything(final Scenario scenario) {
        final MetricAggregate whole = scenario.aggregate();
        final MetricAggregate merged = MetricAggregate.empty();
        scenario.split(new Random(7), 7).forEach(part -> merged.merge(Scenario.aggregate(part)));

        assertMatchesReference(merged, scenario.reference());
        assertPercentilesMatch(merged, scenario.reference());
        assertSameExceptSumRounding(merged, whole, scenario.reference());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void mergeIsAssociativeAndCommutative(final Scenario scenario) {
        final List<List<MetricDatum>> parts = scenario.split(new Random(11), 3);
        final MetricAggregate left = Scenario.aggregate(parts.get(0))
                .merge(Scenario.aggregate(parts.get(1))).merge(Scenario.aggregate(parts.get(2)));
        final MetricAggregate right = Scenario.aggregate(parts.get(0))
                .merge(Scenario.aggregate(parts.get(1)).merge(Scenario.aggregate(parts.get(2))));
        final MetricAggregate reversed = Scenario.aggregate(parts.get(2))
                .merge(Scenario.aggregate(parts.get(1))).merge(Scenario.aggregate(parts.get(0)));

        assertSameExceptSumRounding(left, right, scenario.reference());
        assertSameExceptSumRounding(left, reversed, scenario.reference());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void rollupThroughStatisticsKeepsEverything(final Scenario scenario) {
        final MetricIdentity id = MetricIdentity.of(scenario.datums().get(0));
        final MetricAggregate rolledUp = MetricAggregate.empty();
        int minute = 0;
        for (final List<MetricDatum> part : scenario.split(new Random(5), 5)) {
            if (!part.isEmpty()) {
                final MetricStatistics stats = Scenario.aggregate(part)
                        .toStatistics(id, Instant.EPOCH.plusSeconds(60L * minute++), 60);
                rolledUp.merge(MetricAggregate.fromStatistics(stats));
            }
        }
        assertMatchesReference(rolledUp, scenario.reference());
        assertPercentilesMatch(rolledUp, scenario.reference());
    }

    @Test
    void mergeLeavesTheOtherAggregateUnchanged() {
        final MetricAggregate other = MetricAggregate.empty().add(Datums.value(3)).add(Datums.value(9));
        final byte[] before = serialize(other);
        MetricAggregate.empty().add(Datums.value(1)).merge(other);
        MetricAggregate.empty().merge(other).add(Datums.value(100));
        assertThat(serialize(other)).isEqualTo(before);
    }

    @Test
    void emptyAggregateIsTheIdentityOfMerge() {
        final MetricAggregate some = MetricAggregate.empty().add(Datums.value(4)).add(Datums.value(8));
        final MetricAggregate viaEmpty = MetricAggregate.empty().merge(some).merge(MetricAggregate.empty());
        assertThat(serialize(viaEmpty)).isEqualTo(serialize(some));
    }

    @Test
    void emptyAggregateReportsNoData() {
        final MetricAggregate empty = MetricAggregate.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.sampleCount()).isZero();
        assertThat(empty.sum()).isZero();
        assertThat(empty.minimum()).isNaN();
        assertThat(empty.maximum()).isNaN();
        assertThat(empty.average()).isNaN();
        assertThat(empty.percentilesAvailable()).isFalse();
        assertThat(empty.percentile(50)).isEmpty();
        assertThatThrownBy(() -> empty.toStatistics(identity(), Instant.EPOCH, 60))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, 100.001, Double.NaN, Double.NEGATIVE_INFINITY})
    void percentileOutsideZeroToHundredIsRejected(final double p) {
        final MetricAggregate aggregate = MetricAggregate.empty().add(Datums.value(1));
        assertThatThrownBy(() -> aggregate.percentile(p)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentileEndsAreTheExactExtremes() {
        final MetricAggregate aggregate = MetricAggregate.empty()
                .add(Datums.values(List.of(1.2345, 17.0, 987.654321), null));
        assertThat(aggregate.percentile(0)).hasValue(1.2345);
        assertThat(aggregate.percentile(100)).hasValue(987.654321);
    }

    @Test
    void percentileOfASingleValueIsThatValue() {
        final MetricAggregate aggregate = MetricAggregate.empty().add(Datums.value(123.456));
        for (final String p : PERCENTILES) {
            assertThat(aggregate.percentile(Double.parseDouble(p))).hasValue(123.456);
        }
    }

    @Test
    void datumWithoutAnyValueIsRejected() {
        final MetricDatum nothing = Datums.builder().build();
        assertThatThrownBy(() -> MetricAggregate.empty().add(nothing)).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class StatisticSetRule {

        @Test
        void singleSampleSetFeedsPercentiles() {
            final MetricAggregate aggregate = MetricAggregate.empty().add(Datums.statisticSet(1, 5, 5, 5));
            assertThat(aggregate.percentilesAvailable()).isTrue();
            assertThat(aggregate.percentile(50)).hasValue(5);
        }

        @Test
        void setOfOneRepeatedValueCountsAsThatManyRawValues() {
            final MetricAggregate aggregate = MetricAggregate.empty()
                    .add(Datums.statisticSet(9, 9, 1, 1))
                    .add(Datums.value(100));
            assertThat(aggregate.sampleCount()).isEqualTo(10);
            assertThat(aggregate.percentile(90).getAsDouble()).isCloseTo(1, within(0.01));
            assertThat(aggregate.percentile(90.5).getAsDouble()).isCloseTo(100, within(1.0));
        }

        @Test
        void setWhoseSumIsOffByRoundingStillCounts() {
            final double sum = 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1;
            assertThat(sum).isNotEqualTo(0.1 * 7);
            assertThat(MetricAggregate.empty().add(Datums.statisticSet(7, sum, 0.1, 0.1)).percentilesAvailable()).isTrue();
        }

        @Test
        void setOfDistinctValuesRulesPercentilesOutForThePeriod() {
            final MetricAggregate aggregate = MetricAggregate.empty()
                    .add(Datums.value(2))
                    .add(Datums.statisticSet(3, 6, 1, 3))
                    .add(Datums.value(4));
            assertThat(aggregate.percentilesAvailable()).isFalse();
            assertThat(aggregate.percentile(50)).isEmpty();
            assertThat(aggregate.sampleCount()).isEqualTo(5);
            assertThat(aggregate.sum()).isEqualTo(12);
            assertThat(aggregate.minimum()).isEqualTo(1);
            assertThat(aggregate.maximum()).isEqualTo(4);
            assertThat(aggregate.average()).isEqualTo(2.4);
        }

        @Test
        void singleSampleSetWhoseMinimumAndMaximumDifferDoesNotCount() {
            assertThat(MetricAggregate.empty().add(Datums.statisticSet(1, 3, 2, 5)).percentilesAvailable()).isFalse();
        }

        @Test
        void ruledOutSticksThroughMergesInBothDirections() {
            final MetricAggregate ruledOut = MetricAggregate.empty().add(Datums.statisticSet(2, 3, 1, 2));
            final MetricAggregate raw = MetricAggregate.empty().add(Datums.value(1));
            assertThat(MetricAggregate.empty().add(Datums.value(1)).merge(ruledOut).percentilesAvailable()).isFalse();
            assertThat(MetricAggregate.empty().merge(ruledOut).merge(raw).percentilesAvailable()).isFalse();
            assertThat(ruledOut.add(Datums.value(7)).percentilesAvailable()).isFalse();
        }

        @Test
        void ruledOutSurvivesStatisticsAndSerde() {
            final MetricAggregate ruledOut = MetricAggregate.empty().add(Datums.statisticSet(2, 3, 1, 2));
            final MetricStatistics stats = ruledOut.toStatistics(identity(), Instant.EPOCH, 60);
            assertThat(stats.getSketch()).isNull();
            assertThat(MetricAggregate.fromStatistics(stats).merge(MetricAggregate.empty().add(Datums.value(1)))
                    .percentilesAvailable()).isFalse();
            assertThat(deserialize(serialize(ruledOut)).merge(MetricAggregate.empty().add(Datums.value(1)))
                    .percentilesAvailable()).isFalse();
        }
    }

    @Nested
    class NegativeValues {

        @Test
        void singleNegativeValueRulesPercentilesOutButNotTheBasicStatistics() {
            final Reference reference = new Reference();
            final MetricAggregate aggregate = MetricAggregate.empty();
            for (final double v : new double[] {5, -3, 12, 0}) {
                aggregate.add(Datums.value(v));
                reference.add(v, 1);
            }
            assertThat(aggregate.percentilesAvailable()).isFalse();
            assertThat(aggregate.percentile(99)).isEmpty();
            assertMatchesReference(aggregate, reference);
        }

        @Test
        void negativeAmongValuesRulesOut() {
            final MetricAggregate aggregate = MetricAggregate.empty().add(Datums.values(List.of(1.0, -1.0, 2.0), null));
            assertThat(aggregate.percentilesAvailable()).isFalse();
            assertThat(aggregate.minimum()).isEqualTo(-1);
        }

        @Test
        void negativeStatisticSetOfOneValueRulesOut() {
            assertThat(MetricAggregate.empty().add(Datums.statisticSet(4, -8, -2, -2)).percentilesAvailable()).isFalse();
        }

        @Test
        void negativePartRulesOutTheRollup() {
            final MetricAggregate positive = MetricAggregate.empty().add(Datums.value(1));
            final MetricAggregate negative = MetricAggregate.empty().add(Datums.value(-1));
            assertThat(positive.merge(negative).percentilesAvailable()).isFalse();
        }

        @Test
        void zeroAndNegativeZeroAreNotNegative() {
            final MetricAggregate aggregate = MetricAggregate.empty().add(Datums.value(0)).add(Datums.value(-0.0))
                    .add(Datums.value(10));
            assertThat(aggregate.percentilesAvailable()).isTrue();
            assertThat(aggregate.percentile(50)).hasValue(0);
            assertThat(aggregate.percentile(67).getAsDouble()).isCloseTo(10, within(0.1));
        }
    }

    @Test
    void toStatisticsCarriesIdentityPeriodAndStatistics() {
        final MetricIdentity id = new MetricIdentity("App/Orders", "Latency",
                new TreeMap<>(java.util.Map.of("Stage", "prod", "Host", "a")), "Milliseconds");
        final MetricAggregate aggregate = MetricAggregate.empty().add(Datums.value(2)).add(Datums.value(4));
        final Instant start = Instant.parse("2025-06-01T12:05:00Z");

        final MetricStatistics stats = aggregate.toStatistics(id, start, 300);

        assertThat(stats.getNamespace()).isEqualTo("App/Orders");
        assertThat(stats.getMetricName()).isEqualTo("Latency");
        assertThat(stats.getUnit()).isEqualTo("Milliseconds");
        assertThat(stats.getDimensions()).extracting(d -> d.getName() + "=" + d.getValue())
                .containsExactly("Host=a", "Stage=prod");
        assertThat(stats.getPeriodStart()).isEqualTo(start);
        assertThat(stats.getPeriodSeconds()).isEqualTo(300);
        assertThat(stats.getSampleCount()).isEqualTo(2);
        assertThat(stats.getSum()).isEqualTo(6);
        assertThat(stats.getMinimum()).isEqualTo(2);
        assertThat(stats.getMaximum()).isEqualTo(4);
        assertThat(stats.getAverage()).isEqualTo(3);
        assertThat(stats.getSketch()).isNotNull();
        assertThat(MetricIdentity.of(stats)).isEqualTo(id);
        assertThat(serialize(MetricAggregate.fromStatistics(stats))).isEqualTo(serialize(aggregate));
    }

    @Test
    void fromStatisticsReadsTheSketchWithoutConsumingTheBuffer() {
        final MetricStatistics stats = MetricAggregate.empty().add(Datums.value(2))
                .toStatistics(identity(), Instant.EPOCH, 60);
        final ByteBuffer sketch = stats.getSketch();
        final int remaining = sketch.remaining();
        MetricAggregate.fromStatistics(stats);
        assertThat(sketch.remaining()).isEqualTo(remaining);
        assertThat(MetricAggregate.fromStatistics(stats).percentile(50)).hasValue(2);
    }

    @Test
    void dataWiderThanTheBinLimitLosesOnlyLowPercentiles() {
        final Reference reference = new Reference();
        final MetricAggregate aggregate = MetricAggregate.empty();
        final Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            final double v = i % 10 == 0 ? 1e-20 * (1 + random.nextDouble()) : 1 + 999 * random.nextDouble();
            aggregate.add(Datums.value(v));
            reference.add(v, 1);
        }
        for (final String p : List.of("50", "90", "99", "99.9")) {
            assertWithinAccuracy(aggregate.percentile(Double.parseDouble(p)).getAsDouble(), reference.percentile(p), p);
        }
        assertThat(aggregate.percentile(5).getAsDouble())
                .as("23 decades exceed the 2048-bin window (~17.8 decades below the maximum); the lowest values collapse upwards")
                .isGreaterThan(reference.percentile("5") * 1e4)
                .isLessThan(1e-14);
    }

    static void assertMatchesReference(final MetricAggregate aggregate, final Reference reference) {
        assertThat(aggregate.sampleCount()).isEqualTo(reference.sampleCount());
        assertThat(aggregate.sum()).isCloseTo(reference.sum(), within(1e-12 * reference.absoluteSum()));
        assertThat(aggregate.minimum()).isEqualTo(reference.minimum());
        assertThat(aggregate.maximum()).isEqualTo(reference.maximum());
        assertThat(aggregate.average()).isCloseTo(reference.average(),
                within(1e-12 * reference.absoluteSum() / reference.sampleCount()));
    }

    static void assertPercentilesMatch(final MetricAggregate aggregate, final Reference reference) {
        assertThat(aggregate.percentilesAvailable()).isEqualTo(!reference.hasNegative());
        for (final String p : PERCENTILES) {
            assertWithinAccuracy(aggregate.percentile(Double.parseDouble(p)).getAsDouble(), reference.percentile(p), p);
        }
    }

    private static void assertWithinAccuracy(final double actual, final double expected, final String p) {
        assertThat(actual).as("p%s", p)
                .isCloseTo(expected, within(PercentileSketch.RELATIVE_ACCURACY * Math.abs(expected) * (1 + 1e-9)));
    }

    /** Same counts, extremes and sketch; Sum may differ only by the rounding of a different addition order. */
    private static void assertSameExceptSumRounding(final MetricAggregate a, final MetricAggregate b, final Reference reference) {
        assertThat(a.sampleCount()).isEqualTo(b.sampleCount());
        assertThat(a.minimum()).isEqualTo(b.minimum());
        assertThat(a.maximum()).isEqualTo(b.maximum());
        assertThat(a.sum()).isCloseTo(b.sum(), within(1e-12 * reference.absoluteSum()));
        assertThat(a.percentilesAvailable()).isEqualTo(b.percentilesAvailable());
        if (a.percentilesAvailable()) {
            assertThat(a.sketch().toProtobuf()).isEqualTo(b.sketch().toProtobuf());
        }
    }

    private static MetricIdentity identity() {
        return new MetricIdentity("App/Orders", "Latency", new TreeMap<>(), "None");
    }

    private static byte[] serialize(final MetricAggregate aggregate) {
        return new MetricAggregateSerde().serializer().serialize("t", aggregate);
    }

    private static MetricAggregate deserialize(final byte[] bytes) {
        return new MetricAggregateSerde().deserializer().deserialize("t", bytes);
    }
}
