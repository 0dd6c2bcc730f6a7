package io.trailwatch.processors.aggregation;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.common.Routed;
import io.trailwatch.processors.metrics.MetricAggregateSerde;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
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
 * Metrics to period statistics: {@code trailwatch.metrics} to {@code trailwatch.metric-stats}, late datapoints to
 * {@code trailwatch.metrics.late}, invalid ones to {@code trailwatch.deadletter}.
 */
public final class MetricAggregationTopology {

    static final String OPEN_PERIODS_STORE = "metric-open-periods";
    static final String PROGRESS_STORE = "metric-aggregation-progress";

    private MetricAggregationTopology() {
    }

    public static Topology build(final SerdeContext serdes, final AggregationSettings settings) {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, serdes, settings);
        return builder.build();
    }

    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final AggregationSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_PERIODS_STORE),
            Serdes.Bytes(), new MetricAggregateSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS_STORE),
            Serdes.String(), Serdes.Long()));

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
            .process(() -> new PeriodAggregator(settings), Named.as("metric-aggregator"), OPEN_PERIODS_STORE, PROGRESS_STORE)
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
