package io.trailwatch.processors.aggregation;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.common.Routed;
import io.trailwatch.processors.metrics.MetricAggregateSerde;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.metrics.query.StatisticsRetention;
import io.trailwatch.processors.metrics.query.StatisticsStores;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Metrics to period statistics: {@code trailwatch.metrics} to {@code trailwatch.metric-stats} and the statistics
 * stores queries read, with corrections for late datapoints; datapoints too old for any kept period to
 * {@code trailwatch.metrics.late}, invalid ones to {@code trailwatch.deadletter}.
 */
public final class MetricAggregationTopology {

    static final String OPEN_PERIODS_STORE = "metric-open-periods";
    static final String PROGRESS_STORE = "metric-aggregation-progress";

    private MetricAggregationTopology() {
    }

    public static Topology build(final SerdeContext serdes, final AggregationSettings settings,
                                 final StatisticsRetention retention) {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, serdes, settings, retention);
        return builder.build();
    }

    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final AggregationSettings settings,
                             final StatisticsRetention retention) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_PERIODS_STORE),
            Serdes.Bytes(), new MetricAggregateSerde()).withCachingEnabled());
        // In memory (changelogged, so restored after a crash): it holds only a second's corrections and is scanned
        // whole every second, which on RocksDB would walk the tombstones of every correction ever drained. Cached:
        // a burst of late datapoints for one period rewrites its staged correction many times per commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PeriodCorrections.PENDING_STORE),
            Serdes.Bytes(), new MetricAggregateSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS_STORE),
            Serdes.String(), Serdes.Long()));
        final List<String> stores = new ArrayList<>(List.of(OPEN_PERIODS_STORE, PeriodCorrections.PENDING_STORE,
            PROGRESS_STORE));
        stores.addAll(StatisticsStores.addTo(builder, serdes, retention));

        final KStream<String, MetricDatum> metrics = builder.stream(Topics.METRICS.name(),
            Consumed.with(Topics.METRICS.keySerde(serdes), Topics.METRICS.valueSerde(serdes)).withName("metrics-source"));
        // Trailwatch's own producers key datapoints by metric identity; anything else is re-keyed through a
        // repartition topic so each metric is aggregated in exactly one task.
        final Map<String, KStream<String, MetricDatum>> byKeying = metrics.split(Named.as("metrics-"))
            .branch(MetricAggregationTopology::keyedByIdentity, Branched.as("keyed"))
            .defaultBranch(Branched.as("unkeyed"));
        final KStream<String, MetricDatum> rekeyed = byKeying.get("metrics-unkeyed")
            .selectKey((key, datum) -> MetricIdentity.of(datum).key(), Named.as("metrics-key-by-identity"))
            .repartition(Repartitioned.with(Topics.METRICS.keySerde(serdes), Topics.METRICS.valueSerde(serdes))
                .withName("metrics-by-identity"));
        byKeying.get("metrics-keyed").merge(rekeyed, Named.as("metrics-by-identity-merge"))
            .process(() -> new PeriodAggregator(settings, retention), Named.as("metric-aggregator"),
                stores.toArray(String[]::new))
            .to(Routed.extractor(), Routed.produced(serdes).withName("metric-aggregator-sink"));
    }

    /** True when the key is the datum's identity, or when the datum is invalid (it is dead-lettered where it is). */
    private static boolean keyedByIdentity(final String key, final MetricDatum datum) {
        if (datum == null) {
            return true;
        }
        try {
            return MetricIdentity.of(datum).key().equals(key);
        } catch (final RuntimeException invalid) {
            return true;
        }
    }
}
