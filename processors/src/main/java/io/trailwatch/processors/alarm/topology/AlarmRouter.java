package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Sends each period statistic to every alarm watching it, keyed by alarm name (the alarm's state lives there). */
final class AlarmRouter implements Processor<String, MetricStatistics, String, MetricStatistics> {

    private final Duration refreshInterval;
    private final CompiledDefinitions<MetricAlarmDefinition> alarms = MetricAlarms.compiled();
    private ProcessorContext<String, MetricStatistics> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private AlarmIndex index = new AlarmIndex(java.util.List.of());

    AlarmRouter(final Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    @Override
    public void init(final ProcessorContext<String, MetricStatistics> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
        alarms.refresh(config);
        context.schedule(refreshInterval, PunctuationType.WALL_CLOCK_TIME, now -> alarms.refresh(config));
    }

    @Override
    public void process(final Record<String, MetricStatistics> record) {
        if (record.value() == null) {
            return;
        }
        if (!index.isFor(alarms.current())) {
            index = new AlarmIndex(alarms.current());
        }
        for (final MetricAlarmDefinition alarm : index.watching(record.value())) {
            context.forward(record.withKey(alarm.alarmName()));
        }
    }
}
