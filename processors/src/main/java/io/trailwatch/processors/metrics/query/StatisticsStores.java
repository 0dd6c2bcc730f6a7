package io.trailwatch.processors.metrics.query;

import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The queryable history of closed periods: one window store per period length, keyed by metric identity and
 * windowed by period start, each with its own retention, so expired statistics leave with their segments; and a
 * catalogue of metrics for ListMetrics. Keyed like {@code trailwatch.metric-stats}, so a metric's statistics live on
 * the instance that owns its partition.
 */
public final class StatisticsStores {

    /** Period lengths kept, in seconds: what the aggregation emits. */
    public static final List<Integer> PERIODS = List.of(1, 10, 20, 30, 60, 300, 3600);
    static final String CATALOG = "metric-catalog";

    private StatisticsStores() {
    }

    public static String storeFor(final int periodSeconds) {
        return "metric-statistics-" + periodSeconds + "s";
    }

    public static Topology build(final SerdeContext serdes, final StatisticsRetention retention) {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder.stream(Topics.METRIC_STATS.name(), Consumed.with(Topics.METRIC_STATS.keySerde(serdes),
            Topics.METRIC_STATS.valueSerde(serdes))), builder, serdes, retention);
        return builder.build();
    }

    /** Adds the stores and their writer to the stream of closed-period statistics. */
    public static void addTo(final KStream<String, MetricStatistics> statistics, final StreamsBuilder builder,
                             final SerdeContext serdes, final StatisticsRetention retention) {
        final String[] names = new String[PERIODS.size() + 1];
        for (int i = 0; i < PERIODS.size(); i++) {
            final int period = PERIODS.get(i);
            final Duration size = Duration.ofSeconds(period);
            names[i] = storeFor(period);
            builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(names[i], max(retention.forPeriod(period), size), size, false),
                Serdes.String(), Topics.METRIC_STATS.valueSerde(serdes)));
        }
        names[PERIODS.size()] = CATALOG;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CATALOG), Serdes.String(),
            Serdes.Long()));
        statistics.process(StatisticsWriter::new, Named.as("metric-statistics-writer"), names);
    }

    private static Duration max(final Duration a, final Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
