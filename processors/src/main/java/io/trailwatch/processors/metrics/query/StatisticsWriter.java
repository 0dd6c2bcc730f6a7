package io.trailwatch.processors.metrics.query;

import io.trailwatch.avro.MetricStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregation's access to the {@link StatisticsStores}: keeps each closed period's statistics for queries (and
 * the catalogue entry of its metric), and gives back what is kept of a period, which a correction starts from.
 */
public final class StatisticsWriter {

    /** ListMetrics, as CloudWatch's, lists metrics that had data in the past two weeks. */
    static final Duration LISTED_FOR = Duration.ofDays(14);
    private static final Duration CATALOG_SWEEP = Duration.ofHours(1);

    private final StatisticsRetention retention;
    private final Map<Integer, WindowStore<String, MetricStatistics>> stores = new HashMap<>();
    private final KeyValueStore<String, Long> catalog;

    /** Opens the stores of the processor's context, and schedules the hourly sweep of quiet metrics. */
    public StatisticsWriter(final ProcessorContext<?, ?> context, final StatisticsRetention retention) {
        this.retention = retention;
        for (final int period : StatisticsStores.PERIODS) {
            stores.put(period, context.getStateStore(StatisticsStores.storeFor(period)));
        }
        catalog = context.getStateStore(StatisticsStores.CATALOG);
        context.schedule(CATALOG_SWEEP, PunctuationType.WALL_CLOCK_TIME, this::forgetQuietMetrics);
    }

    /**
     * Whether statistics of this period can be kept at {@code nowMs}: its length is one queries read, and its
     * retention has not passed.
     */
    public boolean keeps(final int periodSeconds, final long periodStartMs, final long nowMs) {
        return stores.containsKey(periodSeconds)
            && periodStartMs + periodSeconds * 1000L > nowMs - retention.forPeriod(periodSeconds).toMillis();
    }

    /** What is kept of the period: its latest revision, or null. */
    public MetricStatistics kept(final String metricKey, final int periodSeconds, final long periodStartMs) {
        final WindowStore<String, MetricStatistics> store = stores.get(periodSeconds);
        return store == null ? null : store.fetch(metricKey, periodStartMs);
    }

    /** Keeps the period's statistics, replacing an earlier revision. */
    public void write(final String metricKey, final MetricStatistics statistics) {
        final WindowStore<String, MetricStatistics> store = stores.get(statistics.getPeriodSeconds());
        if (store == null) {
            return; // a period length nobody queries
        }
        final long start = statistics.getPeriodStart().toEpochMilli();
        store.put(metricKey, statistics, start);
        final Long lastSeen = catalog.get(metricKey);
        if (lastSeen == null || lastSeen < start) {
            catalog.put(metricKey, start);
        }
    }

    private void forgetQuietMetrics(final long now) {
        final long listedSince = now - LISTED_FOR.toMillis();
        final List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = catalog.all()) {
            while (all.hasNext()) {
                final KeyValue<String, Long> entry = all.next();
                if (entry.value < listedSince) {
                    quiet.add(entry.key);
                }
            }
        }
        quiet.forEach(catalog::delete);
    }
}
