package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.MetricAlarm;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.metrics.Statistics;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Sends each period statistic to every alarm watching it, keyed by alarm name (the alarm's state lives there), as
 * the value of the alarm's own statistic: only that travels, not the period's sketch.
 */
final class AlarmRouter implements Processor<String, MetricStatistics, String, AlarmInput> {

    private final CompiledDefinitions<MetricAlarm> alarms;
    private ProcessorContext<String, AlarmInput> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private AlarmIndex index = new AlarmIndex(List.of());

    AlarmRouter(final DefinitionsVersion version) {
        this.alarms = CompiledAlarms.compiled(version);
    }

    @Override
    public void init(final ProcessorContext<String, AlarmInput> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
    }

    @Override
    public void process(final Record<String, MetricStatistics> record) {
        final MetricStatistics statistics = record.value();
        if (statistics == null) {
            return;
        }
        final List<MetricAlarm> current = alarms.current(config);
        if (!index.isFor(current)) {
            index = new AlarmIndex(current);
        }
        for (final MetricAlarm alarm : index.watching(statistics)) {
            final OptionalDouble value = Statistics.value(statistics, alarm.definition().statisticName());
            context.forward(record.withKey(alarm.name()).withValue(new AlarmInput.Datapoint(alarm.signature(),
                statistics.getPeriodStart().toEpochMilli(), statistics.getPeriodSeconds(),
                value.isPresent() ? value.getAsDouble() : null, statistics.getSampleCount())));
        }
    }
}
