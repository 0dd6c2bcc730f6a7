package io.trailwatch.app.selfmetrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.StatisticSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Trailwatch's own figures ({@link ExportedMetric#ALL}) as CloudWatch metrics in its {@code Trailwatch/...}
 * namespaces every minute, through PutMetricData's path, so that Trailwatch's own alarms watch Trailwatch: counters
 * as what they counted during the minute, gauges as their value, timers as a statistic set in milliseconds (whose
 * Minimum and Maximum are the bounds of the histogram buckets the minute's observations fell in).
 */
final class CloudWatchExport implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchExport.class);

    private final MeterRegistry registry;
    private final Consumer<List<MetricDatum>> publisher;
    private final Clock clock;
    /** Per meter, what it had counted at the last export: count, total milliseconds, then cumulative buckets. */
    private Map<Meter.Id, double[]> previous = new HashMap<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
        SelfMetrics.daemon("trailwatch-cloudwatch-export"));

    CloudWatchExport(final MeterRegistry registry, final Consumer<List<MetricDatum>> publisher, final Clock clock) {
        this.registry = registry;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Exports every {@code interval} from now on. */
    CloudWatchExport start(final Duration interval) {
        schedule.scheduleAtFixedRate(this::exportQuietly, interval.toMillis(), interval.toMillis(),
            TimeUnit.MILLISECONDS);
        return this;
    }

    private void exportQuietly() {
        try {
            export();
        } catch (final RuntimeException e) {
            LOG.warn("Trailwatch's own metrics were not written to CloudWatch this minute: {}", e.toString());
        }
    }

    /** Writes one minute's datums; synchronized, as the schedule and a caller may both export. */
    synchronized List<MetricDatum> export() {
        final Instant now = clock.instant();
        final Map<Meter.Id, double[]> current = new HashMap<>();
        final List<MetricDatum> datums = new ArrayList<>();
        for (final ExportedMetric metric : ExportedMetric.ALL) {
            final List<Meter> meters = List.copyOf(registry.find(metric.meter()).meters());
            final Map<Map<String, String>, List<Meter>> groups = new LinkedHashMap<>();
            groups.put(Map.of(), meters);
            if (!metric.tags().isEmpty()) {
                for (final Meter meter : meters) {
                    final Map<String, String> dimensions = dimensions(meter, metric.tags());
                    if (!dimensions.isEmpty()) { // a meter without the tags is in the total only
                        groups.computeIfAbsent(dimensions, any -> new ArrayList<>()).add(meter);
                    }
                }
            }
            groups.forEach((dimensions, grouped) -> datum(metric, dimensions, grouped, current, now)
                .ifPresent(datums::add));
        }
        previous = current;
        if (!datums.isEmpty()) {
            publisher.accept(datums);
        }
        return datums;
    }

    private Optional<MetricDatum> datum(final ExportedMetric metric, final Map<String, String> dimensions,
                                                  final List<Meter> meters, final Map<Meter.Id, double[]> current,
                                                  final Instant now) {
        final MetricDatum.Builder datum = MetricDatum.newBuilder().setNamespace(metric.namespace())
            .setMetricName(metric.metricName()).setUnit(metric.unit()).setTimestamp(now).setStorageResolution(60)
            .setDimensions(dimensions.entrySet().stream().map(entry -> new Dimension(entry.getKey(),
                entry.getValue())).toList());
        switch (metric.kind()) {
            case COUNT -> {
                double counted = 0;
                for (final Meter meter : meters) {
                    counted += delta(meter, current)[0];
                }
                return Optional.of(datum.setValue(counted).build());
            }
            case GAUGE_SUM, GAUGE_MAX -> {
                final double[] values = meters.stream().mapToDouble(CloudWatchExport::value)
                    .filter(Double::isFinite).toArray();
                if (values.length == 0) {
                    return Optional.empty();
                }
                final double value = metric.kind() == ExportedMetric.Kind.GAUGE_SUM
                    ? Arrays.stream(values).sum() : Arrays.stream(values).max().orElse(0);
                return Optional.of(datum.setValue(value).build());
            }
            case TIMER_COUNT -> {
                double counted = 0;
                for (final Meter meter : meters) {
                    counted += delta(meter, current)[0];
                }
                return counted == 0 && !dimensions.isEmpty() ? Optional.empty()
                    : Optional.of(datum.setValue(counted).build());
            }
            case TIMER_LATENCY -> {
                return latency(meters, current).map(set -> datum.setStatisticValues(set).build());
            }
            default -> throw new IllegalStateException("unknown kind " + metric.kind());
        }
    }

    /** The minute's observations of the timers as one statistic set (none when nothing was observed). */
    private Optional<StatisticSet> latency(final List<Meter> meters, final Map<Meter.Id, double[]> current) {
        double count = 0;
        double totalMs = 0;
        double maxMs = 0;
        double[] buckets = null;
        double[] bounds = null;
        for (final Meter meter : meters) {
            if (!(meter instanceof Timer timer)) {
                continue;
            }
            final double[] delta = delta(meter, current);
            count += delta[0];
            totalMs += delta[1];
            maxMs = Math.max(maxMs, timer.max(TimeUnit.MILLISECONDS));
            final CountAtBucket[] histogram = timer.takeSnapshot().histogramCounts();
            if (buckets == null) {
                buckets = new double[histogram.length];
                bounds = new double[histogram.length];
                for (int i = 0; i < histogram.length; i++) {
                    bounds[i] = histogram[i].bucket(TimeUnit.MILLISECONDS);
                }
            }
            for (int i = 0; i < Math.min(buckets.length, delta.length - 2); i++) {
                buckets[i] += delta[i + 2];
            }
        }
        if (count <= 0) {
            return Optional.empty();
        }
        final double average = totalMs / count;
        double minimum = 0;
        double maximum = Math.max(maxMs, average);
        if (buckets != null && buckets.length > 0) {
            int lowest = 0;
            while (lowest < buckets.length && buckets[lowest] <= 0) {
                lowest++;
            }
            minimum = lowest == 0 ? 0 : bounds[lowest - 1];
            int highest = 0;
            while (highest < buckets.length && buckets[highest] < count) {
                highest++;
            }
            maximum = highest < buckets.length ? bounds[highest] : Math.max(maxMs, bounds[buckets.length - 1]);
        }
        return Optional.of(new StatisticSet(count, totalMs, Math.min(minimum, average),
            Math.max(maximum, average)));
    }

    /**
     * What the meter counted since the last export, and notes its totals for the next: {count, total ms,
     * cumulative bucket counts...}. A meter seen for the first time counts from zero.
     */
    private double[] delta(final Meter meter, final Map<Meter.Id, double[]> current) {
        final double[] now = current.computeIfAbsent(meter.getId(), id -> totals(meter));
        final double[] before = previous.get(meter.getId());
        final double[] delta = new double[now.length];
        for (int i = 0; i < now.length; i++) {
            final double last = before == null || i >= before.length ? 0 : before[i];
            delta[i] = now[i] >= last ? now[i] - last : now[i]; // less than before: the meter started again
        }
        return delta;
    }

    private static double[] totals(final Meter meter) {
        if (meter instanceof Timer timer) {
            final HistogramSnapshot snapshot = timer.takeSnapshot();
            final CountAtBucket[] histogram = snapshot.histogramCounts();
            final double[] totals = new double[2 + histogram.length];
            totals[0] = snapshot.count();
            totals[1] = snapshot.total(TimeUnit.MILLISECONDS);
            for (int i = 0; i < histogram.length; i++) {
                totals[i + 2] = histogram[i].count();
            }
            return totals;
        }
        return new double[] {value(meter)};
    }

    /** A counter's count or a gauge's value: the first measurement every such meter has. */
    private static double value(final Meter meter) {
        for (final var measurement : meter.measure()) {
            return measurement.getValue();
        }
        return Double.NaN;
    }

    /** The meter's values of the tags, as CloudWatch dimensions ({@code source_topic} becomes {@code SourceTopic}). */
    private static Map<String, String> dimensions(final Meter meter, final List<String> tags) {
        final Map<String, String> dimensions = new LinkedHashMap<>();
        for (final String tag : tags) {
            final String value = meter.getId().getTag(tag);
            if (value != null && !value.isEmpty()) {
                dimensions.put(dimensionName(tag), value);
            }
        }
        return dimensions;
    }

    static String dimensionName(final String tag) {
        final StringBuilder name = new StringBuilder();
        for (final String word : tag.split("[-_.]")) {
            if (!word.isEmpty()) {
                name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.toString();
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
