package io.trailwatch.processors.alarm.topology;

import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import io.trailwatch.avro.MetricStatistics;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Period statistics to alarm state changes: {@code trailwatch.metric-stats}, routed to each watching alarm by
 * alarm name, evaluated, and transitions written to {@code trailwatch.alarms}.
 */
public final class AlarmTopology {

    static final String STATUS_STORE = "alarm-status";

    private AlarmTopology() {
    }

    public static Topology build(final SerdeContext serdes, final AlarmSettings settings) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        addTo(builder, serdes, settings, version);
        return builder.build();
    }

    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final AlarmSettings settings,
                             final DefinitionsVersion version) {
        addTo(builder.stream(Topics.METRIC_STATS.name(), Consumed.with(Topics.METRIC_STATS.keySerde(serdes),
            Topics.METRIC_STATS.valueSerde(serdes)).withName("metric-stats-source")), builder, serdes, settings, version);
    }

    /** Adds the alarms to a stream of closed-period statistics that other parts read too. */
    public static void addTo(final KStream<String, MetricStatistics> statistics, final StreamsBuilder builder,
                             final SerdeContext serdes, final AlarmSettings settings, final DefinitionsVersion version) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
            Serdes.String(), JsonSerde.of(AlarmStatus.class)));
        statistics
            .process(() -> new AlarmRouter(version), Named.as("alarm-router"))
            .repartition(Repartitioned.with(Serdes.String(), Topics.METRIC_STATS.valueSerde(serdes))
                .withName("alarm-datapoints").withNumberOfPartitions(settings.partitions()))
            .process(() -> new AlarmStateProcessor(settings, version), Named.as("alarm-evaluator"), STATUS_STORE)
            .to(Topics.ALARMS.name(), Produced.with(Topics.ALARMS.keySerde(serdes), Topics.ALARMS.valueSerde(serdes))
                .withName("alarms-sink"));
    }
}
