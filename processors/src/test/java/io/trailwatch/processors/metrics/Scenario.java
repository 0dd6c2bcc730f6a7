package io.trailwatch.processors.metrics;

import io.trailwatch.avro.MetricDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/** Random periods of datapoints, with the brute-force reference of what they contain. */
record Scenario(String name, List<MetricDatum> datums, Reference reference) {

    private static final double[] DUPLICATES = {0, 0.5, 1, 1, 1, 7, 250};

    @Override
    public String toString() {
        return name;
    }

    static Stream<Scenario> all(final long seed) {
        return Stream.of(
                singles("uniform", seed, 20_000, r -> r.nextDouble() * 1000),
                singles("lognormal", seed, 20_000, r -> Math.exp(2 * r.nextGaussian())),
                singles("heavy duplicates with zeros", seed, 20_000, r -> DUPLICATES[r.nextInt(DUPLICATES.length)]),
                singles("15 decades", seed, 20_000, r -> Math.pow(10, -5 + 15 * r.nextDouble())),
                weighted("values with integer counts", seed, r -> 1 + r.nextInt(1000)),
                weighted("values with fractional counts", seed, r -> (1 + r.nextInt(40)) / 4.0),
                weighted("values without counts", seed, null),
                statisticSetsOfOneValue(seed));
    }

    static Scenario singles(final String name, final long seed, final int n, final ValueSource source) {
        final Random random = new Random(seed);
        final List<MetricDatum> datums = new ArrayList<>(n);
        final Reference reference = new Reference();
        for (int i = 0; i < n; i++) {
            final double v = source.next(random);
            datums.add(Datums.value(v));
            reference.add(v, 1);
        }
        return new Scenario(name, datums, reference);
    }

    /** Values+Counts datums of 1 to 150 lognormal values; {@code counts} null leaves Counts out. */
    private static Scenario weighted(final String name, final long seed, final ValueSource counts) {
        final Random random = new Random(seed);
        final List<MetricDatum> datums = new ArrayList<>();
        final Reference reference = new Reference();
        for (int d = 0; d < 200; d++) {
            final int size = 1 + random.nextInt(MetricDatumValidator.MAX_VALUES);
            final List<Double> values = new ArrayList<>(size);
            final List<Double> weights = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                final double v = Math.exp(1.5 * random.nextGaussian()) * 10;
                final double c = counts == null ? 1 : counts.next(random);
                values.add(v);
                weights.add(c);
                reference.add(v, c);
            }
            datums.add(Datums.values(values, counts == null ? null : weights));
        }
        return new Scenario(name, datums, reference);
    }

    /** Statistic sets that stand for raw values (Min = Max, Sum = Min x SampleCount), mixed with single values. */
    private static Scenario statisticSetsOfOneValue(final long seed) {
        final Random random = new Random(seed);
        final List<MetricDatum> datums = new ArrayList<>();
        final Reference reference = new Reference();
        final DoubleSupplier value = () -> Math.round(random.nextDouble() * 5000) / 8.0;
        for (int i = 0; i < 2000; i++) {
            final double v = value.getAsDouble();
            if (random.nextBoolean()) {
                final int count = 1 + random.nextInt(50);
                datums.add(Datums.statisticSet(count, v * count, v, v));
                reference.add(v, count);
            } else {
                datums.add(Datums.value(v));
                reference.add(v, 1);
            }
        }
        return new Scenario("statistic sets of one value", datums, reference);
    }

    MetricAggregate aggregate() {
        return aggregate(datums);
    }

    static MetricAggregate aggregate(final List<MetricDatum> datums) {
        final MetricAggregate aggregate = MetricAggregate.empty();
        datums.forEach(aggregate::add);
        return aggregate;
    }

    /** Splits the datums at random into {@code parts} contiguous runs (some possibly empty). */
    List<List<MetricDatum>> split(final Random random, final int parts) {
        final List<List<MetricDatum>> result = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            result.add(new ArrayList<>());
        }
        datums.forEach(d -> result.get(random.nextInt(parts)).add(d));
        return result;
    }

    @FunctionalInterface
    interface ValueSource {
        double next(Random random);
    }
}
