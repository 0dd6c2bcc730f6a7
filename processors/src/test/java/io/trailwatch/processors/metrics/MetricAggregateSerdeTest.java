package io.trailwatch.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricAggregateSerdeTest {

    private final MetricAggregateSerde serde = new MetricAggregateSerde();

    static Stream<Arguments> aggregates() {
        final Stream<Arguments> special = Stream.of(
                Arguments.of("empty", MetricAggregate.empty()),
                Arguments.of("one value", MetricAggregate.empty().add(Datums.value(42))),
                Arguments.of("only zeros", MetricAggregate.empty().add(Datums.value(0)).add(Datums.value(0))),
                Arguments.of("ruled out by a statistic set", MetricAggregate.empty().add(Datums.statisticSet(3, 6, 1, 3))),
                Arguments.of("ruled out by a negative value", MetricAggregate.empty().add(Datums.value(-1)).add(Datums.value(2))),
                Arguments.of("collapsed sketch", collapsed()));
        final Stream<Arguments> random = Scenario.all(9).map(s -> Arguments.of(s.name(), s.aggregate()));
        return Stream.concat(special, random);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregates")
    void roundTripIsExact(final String name, final MetricAggregate aggregate) {
        final byte[] bytes = serde.serializer().serialize("t", aggregate);
        final MetricAggregate back = serde.deserializer().deserialize("t", bytes);

        assertThat(serde.serializer().serialize("t", back)).isEqualTo(bytes);
        assertThat(back.sampleCount()).isEqualTo(aggregate.sampleCount());
        assertThat(back.sum()).isEqualTo(aggregate.sum());
        assertThat(back.rawMinimum()).isEqualTo(aggregate.rawMinimum());
        assertThat(back.rawMaximum()).isEqualTo(aggregate.rawMaximum());
        assertThat(back.percentilesAvailable()).isEqualTo(aggregate.percentilesAvailable());
        for (final double p : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
            assertThat(back.percentile(p)).isEqualTo(aggregate.percentile(p));
        }
    }

    @Test
    void roundTripKeepsMerging() {
        final MetricAggregate a = MetricAggregate.empty().add(Datums.value(1)).add(Datums.value(2));
        final MetricAggregate b = MetricAggregate.empty().add(Datums.value(3));
        final MetricAggregate viaBytes = serde.deserializer().deserialize("t", serde.serializer().serialize("t", a))
                .merge(serde.deserializer().deserialize("t", serde.serializer().serialize("t", b)));
        assertThat(serde.serializer().serialize("t", viaBytes))
                .isEqualTo(serde.serializer().serialize("t", MetricAggregate.empty().merge(a).merge(b)));
    }

    @Test
    void sizeIsBoundedByTheBinLimit() {
        final byte[] headerOnly = serde.serializer().serialize("t", MetricAggregate.empty());
        assertThat(headerOnly).hasSize(MetricAggregateSerde.HEADER_BYTES);
        assertThat(serde.serializer().serialize("t", collapsed()).length)
                .isLessThanOrEqualTo(MetricAggregateSerde.HEADER_BYTES + 64 + PercentileSketch.MAX_BINS * Double.BYTES);
    }

    @Test
    void nullStaysNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void corruptBytesAreASerializationError() {
        final byte[] good = serde.serializer().serialize("t", MetricAggregate.empty().add(Datums.value(5)).add(Datums.value(500)));
        final byte[] wrongVersion = good.clone();
        wrongVersion[0] = 9;
        final byte[] truncatedSketch = Arrays.copyOf(good, good.length - 3);
        for (final byte[] bad : List.of(new byte[3], wrongVersion, truncatedSketch)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", bad)).isInstanceOf(SerializationException.class);
        }
    }

    /** Values across 40 decades, more than 2048 bins can hold at 1%. */
    private static MetricAggregate collapsed() {
        final Random random = new Random(1);
        final MetricAggregate aggregate = MetricAggregate.empty();
        for (int i = 0; i < 50_000; i++) {
            aggregate.add(Datums.value(Math.pow(10, -20 + 40 * random.nextDouble())));
        }
        return aggregate;
    }
}
