package io.trailwatch.bench;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.StatisticSet;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A realistic metric load, pre-encoded: K series (namespace, name, 1-3 dimensions, unit) and N datapoints spread
 * over a span of event time in time order; 80% single values, 10% statistic sets, 10% values+counts. A
 * {@link Lateness} makes a share of them arrive late: stamped minutes or hours before their place in the stream, as
 * an agent's buffered flush or a host back from an outage sends them.
 */
final class MetricLoad {

    private static final String[] NAMES = {"CPUUtilization", "Latency", "RequestCount", "Errors", "BytesIn"};
    private static final String[] UNITS = {"Percent", "Milliseconds", "Count", "Count", "Bytes"};

    private MetricLoad() {
    }

    /**
     * Shares of datapoints arriving late.
     *
     * @param minutes share stamped 1 to 10 minutes before their arrival
     * @param hours   share stamped 1 to 24 hours before their arrival
     */
    record Lateness(double minutes, double hours) {
        static final Lateness NONE = new Lateness(0, 0);

        /** How long before its arrival time a datapoint is stamped. */
        long delayMs(final SplittableRandom random) {
            final double roll = random.nextDouble();
            if (roll < hours) {
                return Duration.ofHours(1).toMillis() + (long) (random.nextDouble() * Duration.ofHours(23).toMillis());
            }
            if (roll < hours + minutes) {
                return Duration.ofMinutes(1).toMillis() + (long) (random.nextDouble() * Duration.ofMinutes(9).toMillis());
            }
            return 0;
        }
    }

    static List<ProducerRecord<byte[], byte[]>> generate(final SerdeContext serdes, final int series,
                                                         final int datapoints, final Instant from, final Instant to,
                                                         final long seed) {
        return generate(serdes, series, datapoints, from, to, seed, Lateness.NONE);
    }

    static List<ProducerRecord<byte[], byte[]>> generate(final SerdeContext serdes, final int series,
                                                         final int datapoints, final Instant from, final Instant to,
                                                         final long seed, final Lateness lateness) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Serializer<String> keys = Topics.METRICS.keySerde(serdes).serializer();
        final Serializer<MetricDatum> values = Topics.METRICS.valueSerde(serdes).serializer();
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(datapoints);
        final long spanMs = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        for (int i = 0; i < datapoints; i++) {
            final int s = random.nextInt(series);
            final long time = from.toEpochMilli() + spanMs * i / datapoints - lateness.delayMs(random);
            final MetricDatum datum = datum(s, Instant.ofEpochMilli(time), random);
            records.add(new ProducerRecord<>(Topics.METRICS.name(), null, time,
                keys.serialize(Topics.METRICS.name(), MetricIdentity.of(datum).key()),
                values.serialize(Topics.METRICS.name(), datum)));
        }
        return records;
    }

    static MetricDatum datum(final int series, final Instant time, final SplittableRandom random) {
        final int kind = series % NAMES.length;
        final List<Dimension> dimensions = new ArrayList<>(3);
        dimensions.add(new Dimension("Host", "host-" + series));
        if (series % 2 == 0) {
            dimensions.add(new Dimension("Service", "svc-" + series % 17));
        }
        if (series % 3 == 0) {
            dimensions.add(new Dimension("AvailabilityZone", "eu-west-1" + (char) ('a' + series % 3)));
        }
        final MetricDatum.Builder datum = MetricDatum.newBuilder().setNamespace("Bench/App").setMetricName(NAMES[kind])
            .setDimensions(dimensions).setTimestamp(time).setUnit(UNITS[kind]);
        final int shape = random.nextInt(10);
        final double value = Math.exp(random.nextDouble() * 6);
        if (shape == 0) {
            final double count = 1 + random.nextInt(20);
            datum.setStatisticValues(new StatisticSet(count, value * count, value / 2, value * 2));
        } else if (shape == 1) {
            datum.setValues(List.of(value, value * 1.5, value * 3)).setCounts(List.of(3.0, 2.0, 1.0));
        } else {
            datum.setValue(value);
        }
        return datum.build();
    }
}
