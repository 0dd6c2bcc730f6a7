package io.trailwatch.processors.filter;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.processors.common.Routed;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.filter.pattern.LogMessage;
import io.trailwatch.processors.logs.LogEventValidator;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Log ingestion: checks each {@code LogEvent} against PutLogEvents' rules, sends an invalid one to the dead-letter
 * topic with the reason (and counts it), and applies the metric filters of the event's log group to a valid one.
 */
final class LogFilterProcessor implements Processor<String, LogEvent, String, Routed> {

    private final CompiledDefinitions<CompiledMetricFilter> filters;
    private final FiltersByLogGroup<CompiledMetricFilter> byLogGroup =
        new FiltersByLogGroup<>(CompiledMetricFilter::logGroupName);
    private ProcessorContext<String, Routed> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private FilterEvaluation evaluation;
    private Sensor invalid;

    LogFilterProcessor(final DefinitionsVersion version) {
        this.filters = new CompiledDefinitions<>(DefinitionKind.METRIC_FILTER, CompiledMetricFilter::compile, version);
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
        this.evaluation = new FilterEvaluation(context, "log-filter");
        this.invalid = Counters.sensor(context, "log-ingestion", "invalid-log-events");
    }

    @Override
    public void process(final Record<String, LogEvent> record) {
        final LogEvent event = record.value();
        if (event == null) {
            return;
        }
        try {
            LogEventValidator.validate(event, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        } catch (final InvalidRecordException e) {
            invalid.record();
            context.forward(record.withValue(Routed.deadLetter(Topics.DEADLETTER, Topics.LOGS.name(), event))
                .withHeaders(DeadLetters.headers(context.recordMetadata().orElse(null),
                    InvalidRecordException.class.getName(), e.getMessage())));
            return;
        }
        final List<CompiledMetricFilter> active = byLogGroup.of(filters.current(config), event.getLogGroup());
        if (active.isEmpty()) {
            return;
        }
        final Instant time = event.getTimestamp();
        evaluation.apply(active, LogMessage.of(event.getMessage()), time, datum -> context.forward(
            new Record<>(MetricIdentity.of(datum).key(), Routed.to(Topics.METRICS, datum), time.toEpochMilli(),
                record.headers())));
    }
}
