package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Sends each period statistic to every alarm watching it, keyed by alarm name (the alarm's state lives there). */
final class AlarmRouter implements Processor<String, MetricStatistics, String, MetricStatistics> {

    private final CompiledDefinitions<MetricAlarmDefinition> alarms;
    private ProcessorContext<String, MetricStatistics> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private AlarmIndex index = new AlarmIndex(java.util.List.of());

    AlarmRouter(final DefinitionsVersion version) {
        this.alarms = MetricAlarms.compiled(version);
    }

    @Override
    public void init(final ProcessorContext<String, MetricStatistics> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
    }

    @Override
    public void process(final Record<String, MetricStatistics> record) {
        if (record.value() == null) {
            return;
        }
        final java.util.List<MetricAlarmDefinition> current = alarms.current(config);
        if (!index.isFor(current)) {
            index = new AlarmIndex(current);
        }
        for (final MetricAlarmDefinition alarm : index.watching(record.value())) {
            context.forward(record.withKey(alarm.alarmName()));
        }
    }
}
