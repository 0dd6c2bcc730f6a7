package io.trailwatch.processors.filter;

import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Audit trail to metrics: {@code trailwatch.audit} through every metric filter to {@code trailwatch.metrics}. */
public final class MetricFilterTopology {

    private MetricFilterTopology() {
    }

    /** This topology alone, with its own config store: what unit tests drive. */
    public static Topology build(final SerdeContext serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        addTo(builder, serdes, version);
        return builder.build();
    }

    /** Adds the filters to a builder that already has the config store. */
    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final DefinitionsVersion version) {
        builder.stream(Topics.AUDIT.name(), Consumed.with(Topics.AUDIT.keySerde(serdes), Topics.AUDIT.valueSerde(serdes))
                .withName("audit-source"))
            .process(() -> new MetricFilterProcessor(version), Named.as("metric-filters"))
            .to(Topics.METRICS.name(), Produced.with(Topics.METRICS.keySerde(serdes), Topics.METRICS.valueSerde(serdes))
                .withName("metrics-sink"));
    }
}
