package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.schemas.AlarmArns;
import io.trailwatch.processors.alarm.ChildAlarmState;
import io.trailwatch.processors.alarm.CompositeAlarmEvaluator;
import io.trailwatch.processors.alarm.CompositeCycles;
import io.trailwatch.processors.alarm.Evaluation;
import io.trailwatch.processors.alarm.EvaluationRange;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmEvaluator;
import io.trailwatch.processors.alarm.topology.AlarmStatus.ChildSnapshot;
import io.trailwatch.processors.alarm.topology.AlarmStatus.StoredDatapoint;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.CompositeAlarm;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.MetricAlarm;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds each alarm's state and evaluates it with CloudWatch's algorithm: a metric alarm when a period's statistic
 * arrives and on the wall clock (so missing data is noticed when input stops), a composite alarm when a child's
 * state changes; applies SetAlarmState requests. Its helpers each have one job: {@link AlarmSchedule} (when the wall
 * clock next matters for an alarm), {@link AlarmTransitions} (publishing transitions, holding back muted ones and
 * releasing them when their mute ends) and {@link AlarmHistoryWriter} (the history), all in the task's transaction.
 *
 * <p>Each alarm belongs to the task of the partition its name hashes to (as the repartition topic places its
 * inputs), so exactly one task evaluates it, and its state moves with that task on a rebalance.
 */
final class AlarmStateProcessor implements Processor<String, AlarmInput, String, AlarmStateChange> {

    private static final int EXTRA_DATAPOINTS_KEPT = 10;

    private final AlarmSettings settings;
    private final AlarmDefinitions definitions;
    private final AlarmSchedule schedule;
    private ProcessorContext<String, AlarmStateChange> context;
    private KeyValueStore<String, AlarmStatus> statuses;
    private AlarmHistoryWriter history;
    private AlarmTransitions transitions;
    private Sensor unknownAlarms;
    private long seenGeneration = -1;
    private final Timer evaluationLatency;

    /**
     * How long after a period ended an alarm was evaluated on its statistic: the aggregation's grace, the pipeline's
     * delay and the evaluation itself, which is what a person waiting for an alarm waits for.
     */
    static Timer evaluationLatency(final MeterRegistry meters) {
        return Timer.builder(AlarmTopology.EVALUATION_LATENCY)
            .description("Time from the end of a period to the evaluation of an alarm on its statistic")
            .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMillis(7500), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(5))
            .register(meters);
    }

    AlarmStateProcessor(final AlarmSettings settings, final DefinitionsVersion version, final Timer evaluationLatency) {
        this.settings = settings;
        this.evaluationLatency = evaluationLatency;
        this.definitions = new AlarmDefinitions(version, this::ownedHere);
        this.schedule = new AlarmSchedule(settings.evaluationDelay());
    }

    @Override
    public void init(final ProcessorContext<String, AlarmStateChange> context) {
        this.context = context;
        this.statuses = context.getStateStore(AlarmTopology.STATUS_STORE);
        this.history = new AlarmHistoryWriter(context.getStateStore(AlarmHistory.STORE),
            context.getStateStore(AlarmTopology.DEFINITIONS_SEEN_STORE), settings.historyRetention());
        this.transitions = new AlarmTransitions(context, history, definitions::muteRules);
        this.unknownAlarms = Counters.sensor(context, "alarm-evaluation", "inputs-for-unknown-alarms");
        definitions.init(context.getStateStore(ConfigStore.NAME));
        context.schedule(settings.tickInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(final Record<String, AlarmInput> record) {
        final long now = context.currentSystemTimeMs();
        if (record.value() instanceof AlarmInput.Datapoint datapoint) {
            onDatapoint(record.key(), datapoint, now);
        } else if (record.value() instanceof AlarmInput.ChildState child) {
            onChild(record.key(), child, now);
        } else if (record.value() instanceof AlarmInput.SetState command) {
            onSetState(record.key(), command, now);
        } else if (record.value() instanceof AlarmInput.DefinitionChanged change) {
            onDefinitionChanged(record.key(), change);
        } else if (record.value() instanceof AlarmInput.ActionRun run) {
            onActionRun(record.key(), run);
        }
    }

    private void onDatapoint(final String name, final AlarmInput.Datapoint datapoint, final long now) {
        final MetricAlarm alarm = definitions.metric(name);
        if (alarm == null) {
            unknownAlarms.record();
            return; // deleted since the statistic was routed
        }
        AlarmStatus status = current(name, alarm, now);
        if (!datapoint.signature().equals(status.metricSignature())) {
            return; // computed for a previous definition of the alarm's metric
        }
        status = status.withDatapoint(datapoint.periodStartMs(),
            new StoredDatapoint(datapoint.value(), datapoint.sampleCount()),
            alarm.definition().evaluationPeriods() + EXTRA_DATAPOINTS_KEPT);
        final long periodEnd = datapoint.periodStartMs() + datapoint.periodSeconds() * 1000L;
        evaluateMetric(alarm, status, Math.max(now - settings.evaluationDelay().toMillis(), periodEnd), now);
        evaluationLatency.record(Duration.ofMillis(Math.max(0, context.currentSystemTimeMs() - periodEnd)));
    }

    private void onChild(final String name, final AlarmInput.ChildState child, final long now) {
        final CompositeAlarm alarm = definitions.composite(name);
        if (alarm == null) {
            unknownAlarms.record();
            return;
        }
        AlarmStatus status = current(name, alarm, now);
        if (!alarm.rule().children().contains(child.child())) {
            return; // the rule changed since the child's state was sent
        }
        status = status.withChild(child.child(), new ChildSnapshot(child.state(), child.stateTimestampMs()));
        if (status.settling(now)) {
            save(name, status);
            return;
        }
        evaluateComposite(alarm, status, now);
    }

    private void onSetState(final String name, final AlarmInput.SetState command, final long now) {
        final MetricAlarm metric = definitions.metric(name);
        final CompositeAlarm composite = definitions.composite(name);
        if (metric == null && composite == null) {
            unknownAlarms.record();
            return;
        }
        final AlarmStatus status = metric != null ? current(name, metric, now) : current(name, composite, now);
        if (command.state() == status.state()) {
            return; // SetAlarmState only acts when the state differs
        }
        final AlarmConfiguration configuration = metric != null ? AlarmChanges.configuration(metric.definition())
            : AlarmChanges.configuration(composite.definition());
        save(name, transitions.transition(name, configuration, status,
            new Evaluation(command.state(), command.reason(), command.reasonData()), now));
    }

    /** Records each configuration update in the history, with the definition before and after. */
    private void onDefinitionChanged(final String name, final AlarmInput.DefinitionChanged change) {
        final AlarmStatus status = statuses.get(name);
        history.definitionChanged(name, change, status == null ? 0 : status.transitions());
    }

    /** Records the run of one of the alarm's actions in its history (actions run downstream of the transitions). */
    private void onActionRun(final String name, final AlarmInput.ActionRun run) {
        final AlarmStatus status = statuses.get(name);
        final String alarmType = definitions.composite(name) != null ? AlarmStatus.COMPOSITE_ALARM
            : AlarmStatus.METRIC_ALARM;
        history.actionRun(name, alarmType, run, status == null ? 0 : status.transitions());
    }

    /**
     * Evaluates on the wall clock the alarms that are due: a metric alarm when its evaluation time passes a period
     * boundary, a composite when its settle time ends, and any alarm when the mute of its held-back transition may
     * have ended. After a definition change every alarm is looked at.
     */
    private void onWallClock(final long now) {
        final long generation = definitions.refresh();
        final boolean redefined = generation != seenGeneration;
        if (redefined) {
            schedule.clear();
            definitions.ownedMetrics().forEach(alarm -> onTime(alarm, now, true));
            definitions.ownedComposites().forEach(alarm -> onTime(alarm, now, true));
            forgetDeleted();
            seenGeneration = generation;
        } else {
            for (final String name : schedule.dueAt(now)) {
                final MetricAlarm metric = definitions.metric(name);
                if (metric != null) {
                    onTime(metric, now, false);
                } else if (definitions.composite(name) != null) {
                    onTime(definitions.composite(name), now, false);
                }
            }
        }
        history.purgeIfDue(now);
    }

    private void onTime(final MetricAlarm alarm, final long now, final boolean redefined) {
        AlarmStatus status = current(alarm.name(), alarm, now);
        // Only a newly completed period can change the outcome; evaluating between boundaries would repeat work.
        final long evaluationTime = now - settings.evaluationDelay().toMillis();
        final long periodMs = alarm.definition().period() * 1000L;
        if (Math.floorDiv(evaluationTime, periodMs) > Math.floorDiv(status.lastEvaluatedMs(), periodMs)) {
            status = evaluateMetric(alarm, status, evaluationTime, now);
        }
        releaseAndPlan(alarm.name(), () -> AlarmChanges.configuration(alarm.definition()), status, now, redefined);
    }

    private void onTime(final CompositeAlarm alarm, final long now, final boolean redefined) {
        AlarmStatus status = current(alarm.name(), alarm, now);
        if (status.settleUntilMs() != Long.MIN_VALUE && !status.settling(now)) {
            status = evaluateComposite(alarm, status, now);
        }
        releaseAndPlan(alarm.name(), () -> AlarmChanges.configuration(alarm.definition()), status, now, redefined);
    }

    /**
     * Releases the alarm's held-back transition if its mute has ended, and plans its next wall-clock visit from the
     * final status, even when nothing was saved: a definition change cleared the schedule.
     */
    private void releaseAndPlan(final String name, final Supplier<AlarmConfiguration> configuration,
                                final AlarmStatus status, final long now, final boolean redefined) {
        final AlarmStatus after = transitions.release(name, configuration, status, now, redefined);
        if (after != status) {
            statuses.put(name, after);
        }
        plan(name, after);
    }

    /** Stores the status and notes when the wall clock next has something to do for the alarm. */
    private void save(final String name, final AlarmStatus status) {
        statuses.put(name, status);
        plan(name, status);
    }

    private void plan(final String name, final AlarmStatus status) {
        schedule.plan(name, status, status.isComposite() ? null : definitions.metric(name));
    }

    private AlarmStatus evaluateMetric(final MetricAlarm alarm, final AlarmStatus status, final long evaluationMs,
                                       final long now) {
        final MetricAlarmDefinition definition = alarm.definition();
        final Evaluation evaluation = MetricAlarmEvaluator.evaluateDatapoints(definition, status.state(),
            status.evaluatorDatapoints(), Instant.ofEpochMilli(evaluationMs));
        final String evaluationState = partialData(definition, status, evaluationMs) ? AlarmStatus.PARTIAL_DATA : null;
        final AlarmStatus next = settle(alarm.name(), () -> AlarmChanges.configuration(definition),
            status.evaluatedAt(evaluationMs, evaluationState), evaluation, now);
        save(alarm.name(), next);
        return next;
    }

    private AlarmStatus evaluateComposite(final CompositeAlarm alarm, final AlarmStatus status, final long now) {
        final AlarmStatus evaluated = status.settled().evaluatedAt(now, null);
        // "The evaluation of composite alarms stops if CloudWatch detects a cycle in the evaluation path."
        if (CompositeCycles.through(alarm.name(), definitions::ruleOf).isPresent()) {
            save(alarm.name(), evaluated);
            return evaluated;
        }
        final Evaluation evaluation = CompositeAlarmEvaluator.evaluateChildren(alarm.name(), alarm.rule(),
            status.state(), child -> {
                final ChildSnapshot known = status.children().get(child);
                return known == null ? null : new ChildAlarmState(AlarmArns.of(child), known.state(),
                    Instant.ofEpochMilli(known.timestampMs()));
            }, Instant.ofEpochMilli(now));
        final AlarmStatus next = settle(alarm.name(), () -> AlarmChanges.configuration(alarm.definition()), evaluated,
            evaluation, now);
        save(alarm.name(), next);
        return next;
    }

    /**
     * Applies an evaluation: a transition when the state differs, nothing otherwise. The configuration is built only
     * for a transition: most evaluations change nothing.
     */
    private AlarmStatus settle(final String name, final Supplier<AlarmConfiguration> configuration,
                               final AlarmStatus status, final Evaluation evaluation, final long now) {
        return evaluation.state() == status.state() ? status
            : transitions.transition(name, configuration.get(), status, evaluation, now);
    }

    /**
     * The alarm's status under its current definition: created on first sight, or redefined when the definition
     * changed (the history records configuration updates from their notices, {@link #onDefinitionChanged}).
     */
    private AlarmStatus current(final String name, final MetricAlarm alarm, final long now) {
        return current(name, AlarmStatus.METRIC_ALARM, alarm.json(), alarm.signature(), Set.of(), now);
    }

    private AlarmStatus current(final String name, final CompositeAlarm alarm, final long now) {
        return current(name, AlarmStatus.COMPOSITE_ALARM, alarm.json(), null, alarm.rule().children(), now);
    }

    private AlarmStatus current(final String name, final String alarmType, final String json, final String signature,
                                final Set<String> ruleChildren, final long now) {
        final AlarmStatus stored = statuses.get(name);
        if (stored != null && stored.alarmType().equals(alarmType) && stored.definitionJson().equals(json)) {
            return stored;
        }
        final long settleUntil = now + settings.compositeSettle().toMillis();
        final AlarmStatus next = stored == null || !stored.alarmType().equals(alarmType)
            ? AlarmStatus.created(alarmType, json, signature, now,
                AlarmStatus.COMPOSITE_ALARM.equals(alarmType) ? settleUntil : Long.MIN_VALUE)
            : stored.redefined(json, signature, ruleChildren, settleUntil);
        save(name, next);
        return next;
    }

    private boolean partialData(final MetricAlarmDefinition alarm, final AlarmStatus status, final long evaluationMs) {
        for (final Instant start : EvaluationRange.periodStarts(alarm.period(), alarm.evaluationPeriods(),
            Instant.ofEpochMilli(evaluationMs))) {
            final StoredDatapoint datapoint = status.datapoints().get(start.toEpochMilli());
            if (datapoint != null && datapoint.value() == null) {
                return true;
            }
        }
        return false;
    }

    private boolean ownedHere(final String alarmName) {
        final byte[] key = alarmName.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % settings.partitions() == context.taskId().partition();
    }

    /** Drops the status of deleted alarms; their history stays. */
    private void forgetDeleted() {
        final List<String> deleted = new ArrayList<>();
        try (KeyValueIterator<String, AlarmStatus> all = statuses.all()) {
            while (all.hasNext()) {
                final KeyValue<String, AlarmStatus> entry = all.next();
                if (!definitions.exists(entry.key)) {
                    deleted.add(entry.key);
                }
            }
        }
        deleted.forEach(name -> {
            statuses.delete(name);
            schedule.forget(name);
        });
    }
}
