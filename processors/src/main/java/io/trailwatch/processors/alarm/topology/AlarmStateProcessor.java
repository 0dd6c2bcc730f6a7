package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.alarm.Evaluation;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmEvaluator;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.metrics.Statistics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Holds each alarm's state and evaluates it with CloudWatch's algorithm: when a period's statistic arrives, and on
 * the wall clock so that missing data is noticed when input stops. Emits a state change only on a transition.
 *
 * <p>Each alarm belongs to the task of the partition its name hashes to (as the repartition topic places its
 * datapoints), so exactly one task evaluates it, and its state moves with that task on a rebalance.
 */
final class AlarmStateProcessor implements Processor<String, MetricStatistics, String, AlarmStateChange> {

    private static final int EXTRA_DATAPOINTS_KEPT = 10;

    private final AlarmSettings settings;
    private final CompiledDefinitions<MetricAlarmDefinition> alarms;
    private ProcessorContext<String, AlarmStateChange> context;
    private KeyValueStore<String, AlarmStatus> statuses;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private List<MetricAlarmDefinition> indexedFrom = List.of();
    private Map<String, MetricAlarmDefinition> byName = Map.of();

    AlarmStateProcessor(final AlarmSettings settings, final DefinitionsVersion version) {
        this.settings = settings;
        this.alarms = MetricAlarms.compiled(version);
    }

    @Override
    public void init(final ProcessorContext<String, AlarmStateChange> context) {
        this.context = context;
        this.statuses = context.getStateStore(AlarmTopology.STATUS_STORE);
        this.config = context.getStateStore(ConfigStore.NAME);
        context.schedule(settings.tickInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(final Record<String, MetricStatistics> record) {
        final MetricAlarmDefinition alarm = definitions().get(record.key());
        final MetricStatistics statistics = record.value();
        if (alarm == null || statistics == null) {
            return; // deleted since the statistic was routed
        }
        final long now = context.currentSystemTimeMs();
        AlarmStatus status = statusOf(alarm, now);
        final OptionalDouble value = Statistics.value(statistics, alarm.statisticName());
        if (value.isPresent()) {
            status = status.withDatapoint(statistics.getPeriodStart().toEpochMilli(), value.getAsDouble(),
                alarm.evaluationPeriods() + EXTRA_DATAPOINTS_KEPT);
        }
        final long periodEnd = statistics.getPeriodStart().toEpochMilli() + statistics.getPeriodSeconds() * 1000L;
        evaluate(alarm, status, Math.max(now - settings.evaluationDelay().toMillis(), periodEnd));
    }

    private void onWallClock(final long now) {
        final Map<String, MetricAlarmDefinition> definitions = definitions();
        final long evaluationTime = now - settings.evaluationDelay().toMillis();
        for (final MetricAlarmDefinition alarm : definitions.values()) {
            if (!ownedHere(alarm.alarmName())) {
                continue;
            }
            final AlarmStatus status = statusOf(alarm, now);
            // Only a newly completed period can change the outcome; evaluating between boundaries would repeat work.
            final long periodMs = alarm.period() * 1000L;
            if (Math.floorDiv(evaluationTime, periodMs) > Math.floorDiv(status.lastEvaluatedMs(), periodMs)) {
                evaluate(alarm, status, evaluationTime);
            }
        }
        forgetDeleted(definitions);
    }

    private void evaluate(final MetricAlarmDefinition alarm, final AlarmStatus status, final long evaluationMs) {
        final Evaluation evaluation = MetricAlarmEvaluator.evaluate(alarm, status.state(), status.datapointsByInstant(),
            Instant.ofEpochMilli(evaluationMs));
        AlarmStatus next = status;
        if (evaluation.state() != status.state()) {
            final long now = context.currentSystemTimeMs();
            final AlarmStateChange change = AlarmChanges.of(alarm, status, evaluation, now);
            context.forward(new Record<>(alarm.alarmName(), change, now));
            next = status.transitionedTo(evaluation.state(), evaluation.reason(), evaluation.reasonData(), now);
        }
        statuses.put(alarm.alarmName(), next.evaluatedAt(evaluationMs));
    }

    private AlarmStatus statusOf(final MetricAlarmDefinition alarm, final long now) {
        final AlarmStatus stored = statuses.get(alarm.alarmName());
        final String signature = AlarmIndex.signature(alarm);
        if (stored == null) {
            final AlarmStatus created = AlarmStatus.created(signature, now);
            statuses.put(alarm.alarmName(), created);
            return created;
        }
        return stored.forMetric(signature);
    }

    private boolean ownedHere(final String alarmName) {
        final byte[] key = alarmName.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % settings.partitions() == context.taskId().partition();
    }

    private void forgetDeleted(final Map<String, MetricAlarmDefinition> definitions) {
        final List<String> deleted = new ArrayList<>();
        try (KeyValueIterator<String, AlarmStatus> all = statuses.all()) {
            while (all.hasNext()) {
                final KeyValue<String, AlarmStatus> entry = all.next();
                if (!definitions.containsKey(entry.key)) {
                    deleted.add(entry.key);
                }
            }
        }
        deleted.forEach(statuses::delete);
    }

    private Map<String, MetricAlarmDefinition> definitions() {
        final List<MetricAlarmDefinition> current = alarms.current(config);
        if (current != indexedFrom) {
            final Map<String, MetricAlarmDefinition> next = new HashMap<>();
            current.forEach(alarm -> next.put(alarm.alarmName(), alarm));
            byName = next;
            indexedFrom = current;
        }
        return byName;
    }
}
