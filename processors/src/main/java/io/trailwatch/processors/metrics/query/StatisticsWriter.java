package io.trailwatch.processors.metrics.query;

import io.trailwatch.avro.MetricStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/** Keeps each closed period's statistics for queries, and the catalogue entry of its metric. */
final class StatisticsWriter implements Processor<String, MetricStatistics, Void, Void> {

    /** ListMetrics, as CloudWatch's, lists metrics that had data in the past two weeks. */
    static final Duration LISTED_FOR = Duration.ofDays(14);
    private static final Duration CATALOG_SWEEP = Duration.ofHours(1);

    private final java.util.Map<Integer, WindowStore<String, MetricStatistics>> stores = new java.util.HashMap<>();
    private KeyValueStore<String, Long> catalog;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        for (final int period : StatisticsStores.PERIODS) {
            stores.put(period, context.getStateStore(StatisticsStores.storeFor(period)));
        }
        catalog = context.getStateStore(StatisticsStores.CATALOG);
        context.schedule(CATALOG_SWEEP, PunctuationType.WALL_CLOCK_TIME, this::forgetQuietMetrics);
    }

    @Override
    public void process(final Record<String, MetricStatistics> record) {
        final MetricStatistics statistics = record.value();
        if (statistics == null || record.key() == null) {
            return;
        }
        final WindowStore<String, MetricStatistics> store = stores.get(statistics.getPeriodSeconds());
        if (store == null) {
            return; // a period length nobody queries
        }
        final long start = statistics.getPeriodStart().toEpochMilli();
        store.put(record.key(), statistics, start);
        final Long lastSeen = catalog.get(record.key());
        if (lastSeen == null || lastSeen < start) {
            catalog.put(record.key(), start);
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
