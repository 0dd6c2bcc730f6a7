package io.trailwatch.processors.filter;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.filter.pattern.LogMessage;
import io.trailwatch.processors.filter.pattern.Match;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Applies every metric filter on the audit trail to each audit event and emits the datum of each match,
 * keyed by metric identity so the aggregation reads it without a repartition.
 */
final class MetricFilterProcessor implements Processor<String, AuditEvent, String, MetricDatum> {

    private final CompiledDefinitions<CompiledMetricFilter> filters;
    private ProcessorContext<String, MetricDatum> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private Sensor unusableMatches;

    MetricFilterProcessor(final DefinitionsVersion version) {
        this.filters = new CompiledDefinitions<>(DefinitionKind.METRIC_FILTER, CompiledMetricFilter::compile, version);
    }

    @Override
    public void init(final ProcessorContext<String, MetricDatum> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
        this.unusableMatches = Counters.sensor(context, "metric-filter", "unusable-matches");
    }

    @Override
    public void process(final Record<String, AuditEvent> record) {
        final List<CompiledMetricFilter> active = filters.current(config);
        if (active.isEmpty() || record.value() == null) {
            return;
        }
        final AuditEvent event = record.value();
        // Rendered once per event and shared by every filter: the JSON tree, and its text for term patterns.
        final LogMessage message = LogMessage.of(CloudTrailJson.toJson(event));
        for (final CompiledMetricFilter filter : active) {
            if (!filter.definition().readsAuditTrail()) {
                continue;
            }
            final Optional<Match> match = filter.pattern().match(message);
            if (match.isEmpty()) {
                continue;
            }
            final Optional<MetricDatum> datum = MetricEmitter.datum(filter.transformation(), match.get(), event.getEventTime());
            if (datum.isEmpty()) {
                unusableMatches.record();
                continue;
            }
            context.forward(new Record<>(MetricIdentity.of(datum.get()).key(), datum.get(),
                event.getEventTime().toEpochMilli(), record.headers()));
        }
    }
}
