package io.trailwatch.processors.metrics;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.StatisticSet;
import java.time.Instant;
import java.util.List;

/** Builds valid MetricDatum instances for tests; each test changes only what it is about. */
final class Datums {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private Datums() {
    }

    static MetricDatum.Builder builder() {
        return MetricDatum.newBuilder()
                .setNamespace("App/Orders")
                .setMetricName("Latency")
                .setTimestamp(NOW)
                .setUnit("Milliseconds");
    }

    static MetricDatum value(final double value) {
        return builder().setValue(value).build();
    }

    static MetricDatum statisticSet(final double sampleCount, final double sum, final double minimum, final double maximum) {
        return builder().setStatisticValues(new StatisticSet(sampleCount, sum, minimum, maximum)).build();
    }

    /** {@code counts} may be null: CloudWatch then counts each value once. */
    static MetricDatum values(final List<Double> values, final List<Double> counts) {
        return builder().setValues(values).setCounts(counts).build();
    }
}
