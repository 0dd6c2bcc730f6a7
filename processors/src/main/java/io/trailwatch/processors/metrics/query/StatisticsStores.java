package io.trailwatch.processors.metrics.query;

import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The queryable history of closed periods: one window store per period length, keyed by metric identity and
 * windowed by period start, each with its own retention, so expired statistics leave with their segments; and a
 * catalogue of metrics for ListMetrics. The aggregation writes them (through {@link StatisticsWriter}) as it emits
 * each period's statistics, and reads them back to correct a period when late datapoints arrive, so the stores
 * queries read are also the only record of closed periods: nothing else is kept to make corrections possible.
 * Keyed like {@code trailwatch.metric-stats}, so a metric's statistics live on the instance that aggregates it.
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

    /** Adds the stores to the builder; the processor that writes them must be connected to every name returned. */
    public static List<String> addTo(final StreamsBuilder builder, final SerdeContext serdes,
                                     final StatisticsRetention retention) {
        for (final int period : PERIODS) {
            final Duration size = Duration.ofSeconds(period);
            builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(storeFor(period), max(retention.forPeriod(period), size), size, false),
                Serdes.String(), Topics.METRIC_STATS.valueSerde(serdes)));
        }
        // Cached: every period's emission reads and may write its metric's entry; most are the same few metrics.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CATALOG), Serdes.String(),
            Serdes.Long()).withCachingEnabled());
        return Stream.concat(PERIODS.stream().map(StatisticsStores::storeFor), Stream.of(CATALOG)).toList();
    }

    private static Duration max(final Duration a, final Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
