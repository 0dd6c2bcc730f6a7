package io.trailwatch.processors.filter;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.filter.pattern.LogMessage;
import io.trailwatch.processors.metrics.MetricIdentity;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Applies every metric filter on the audit trail (log group {@value MetricFilterDefinition#AUDIT_TRAIL}) to each
 * audit event and emits the resulting datums, keyed by metric identity so the aggregation reads them without a
 * repartition.
 */
final class MetricFilterProcessor implements Processor<String, AuditRecord, String, MetricDatum> {

    private final CompiledDefinitions<CompiledMetricFilter> filters;
    private final FiltersByLogGroup<CompiledMetricFilter> byLogGroup =
        new FiltersByLogGroup<>(CompiledMetricFilter::logGroupName);
    private final FilterIndex index = new FilterIndex();
    private ProcessorContext<String, MetricDatum> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private FilterEvaluation evaluation;

    MetricFilterProcessor(final DefinitionsVersion version) {
        this.filters = new CompiledDefinitions<>(DefinitionKind.METRIC_FILTER, CompiledMetricFilter::compile, version);
    }

    @Override
    public void init(final ProcessorContext<String, MetricDatum> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
        this.evaluation = new FilterEvaluation(context, "metric-filter");
    }

    @Override
    public void process(final Record<String, AuditRecord> record) {
        final List<CompiledMetricFilter> active = byLogGroup.of(filters.current(config), MetricFilterDefinition.AUDIT_TRAIL);
        if (active.isEmpty()) {
            return;
        }
        final List<CompiledMetricFilter> candidates = index.candidates(active, record.value().event().getEventName());
        if (candidates.isEmpty()) {
            return;
        }
        final Instant time = record.value().event().getEventTime();
        // One message per event, shared by every filter: the JSON tree, and its text for term patterns.
        evaluation.apply(candidates, LogMessage.of(record.value().json()), time, datum -> context.forward(
            new Record<>(MetricIdentity.of(datum).key(), datum, time.toEpochMilli(), record.headers())));
    }
}
