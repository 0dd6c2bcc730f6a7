package io.trailwatch.processors.filter;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.audit.AuditStream;
import io.trailwatch.processors.common.Routed;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Metric filters: the audit trail ({@code trailwatch.audit}) and log groups ({@code trailwatch.logs}) through
 * every metric filter to {@code trailwatch.metrics}; invalid log events to {@code trailwatch.deadletter}.
 */
public final class MetricFilterTopology {

    private MetricFilterTopology() {
    }

    /** This topology alone, with its own config store: what unit tests drive. */
    public static Topology build(final SerdeContext serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        addTo(builder, serdes, version, AuditStream.addTo(builder, serdes), LogStream.addTo(builder, serdes));
        return builder.build();
    }

    /** Adds the filters to a builder that already has the config store, the audit stream and the log stream. */
    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final DefinitionsVersion version,
                             final KStream<String, AuditRecord> audit, final KStream<String, LogEvent> logs) {
        audit.process(() -> new MetricFilterProcessor(version), Named.as("metric-filters"))
            .to(Topics.METRICS.name(), Produced.with(Topics.METRICS.keySerde(serdes), Topics.METRICS.valueSerde(serdes))
                .withName("metrics-sink"));
        logs.process(() -> new LogFilterProcessor(version), Named.as("log-filters"))
            .to(Routed.extractor(), Routed.produced(serdes).withName("log-filters-sink"));
    }
}
