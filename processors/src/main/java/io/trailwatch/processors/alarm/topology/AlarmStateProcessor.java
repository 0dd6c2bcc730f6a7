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
import io.trailwatch.processors.alarm.mute.Mute;
import io.trailwatch.processors.alarm.topology.AlarmStatus.ChildSnapshot;
import io.trailwatch.processors.alarm.topology.AlarmStatus.HeldTransition;
import io.trailwatch.processors.alarm.topology.AlarmStatus.StoredDatapoint;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.CompositeAlarm;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.MetricAlarm;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * state changes. Emits a state change only on a transition, applies SetAlarmState requests, holds back the
 * notifications of muted transitions until their mute ends, and writes the alarm history, all in the task's
 * transaction.
 *
 * <p>Each alarm belongs to the task of the partition its name hashes to (as the repartition topic places its
 * inputs), so exactly one task evaluates it, and its state moves with that task on a rebalance.
 */
final class AlarmStateProcessor implements Processor<String, AlarmInput, String, AlarmStateChange> {

    private static final int EXTRA_DATAPOINTS_KEPT = 10;
    private static final long HISTORY_PURGE_INTERVAL_MS = 3_600_000L;

    private final AlarmSettings settings;
    private final AlarmDefinitions definitions;
    private ProcessorContext<String, AlarmStateChange> context;
    private KeyValueStore<String, AlarmStatus> statuses;
    private KeyValueStore<String, AlarmHistoryItem> history;
    private KeyValueStore<String, String> definitionsSeen;
    private Sensor unknownAlarms;
    private long seenGeneration = -1;
    /** When each alarm of this task next needs the wall clock; kept in memory, rebuilt after a restart. */
    private final Map<String, Long> due = new HashMap<>();
    private long nextPurgeMs = Long.MIN_VALUE;

    AlarmStateProcessor(final AlarmSettings settings, final DefinitionsVersion version) {
        this.settings = settings;
        this.definitions = new AlarmDefinitions(version, this::ownedHere);
    }

    @Override
    public void init(final ProcessorContext<String, AlarmStateChange> context) {
        this.context = context;
        this.statuses = context.getStateStore(AlarmTopology.STATUS_STORE);
        this.history = context.getStateStore(AlarmHistory.STORE);
        this.definitionsSeen = context.getStateStore(AlarmTopology.DEFINITIONS_SEEN_STORE);
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
        save(name, transition(name, configuration, status,
            new Evaluation(command.state(), command.reason(), command.reasonData()), now));
    }

    /** Records each configuration update in the history, with the definition before and after. */
    private void onDefinitionChanged(final String name, final AlarmInput.DefinitionChanged change) {
        final String previous = definitionsSeen.get(name);
        final String alarmType = DefinitionKind.COMPOSITE_ALARM.id().equals(change.kind())
            ? AlarmStatus.COMPOSITE_ALARM : AlarmStatus.METRIC_ALARM;
        final String type = change.definitionJson() == null ? "Delete" : previous == null ? "Create" : "Update";
        if (change.definitionJson() == null && previous == null) {
            return; // deleting what was never there changes nothing
        }
        final AlarmStatus status = statuses.get(name);
        record(AlarmHistory.configurationUpdate(name, alarmType, change.updatedAtMs(), type, previous,
            change.definitionJson()), status == null ? 0 : status.transitions(), "0-config-" + type.toLowerCase());
        if (change.definitionJson() == null) {
            definitionsSeen.delete(name);
        } else {
            definitionsSeen.put(name, change.definitionJson());
        }
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
            due.clear();
            definitions.ownedMetrics().forEach(alarm -> onTime(alarm, now, true));
            definitions.ownedComposites().forEach(alarm -> onTime(alarm, now, true));
            forgetDeleted();
            seenGeneration = generation;
        } else {
            final List<String> dueNow = new ArrayList<>();
            due.forEach((name, at) -> {
                if (at <= now) {
                    dueNow.add(name);
                }
            });
            for (final String name : dueNow) {
                final MetricAlarm metric = definitions.metric(name);
                if (metric != null) {
                    onTime(metric, now, false);
                } else if (definitions.composite(name) != null) {
                    onTime(definitions.composite(name), now, false);
                }
            }
        }
        if (now >= nextPurgeMs) {
            purgeHistory(now);
            nextPurgeMs = now + HISTORY_PURGE_INTERVAL_MS;
        }
    }

    private void onTime(final MetricAlarm alarm, final long now, final boolean redefined) {
        AlarmStatus status = current(alarm.name(), alarm, now);
        // Only a newly completed period can change the outcome; evaluating between boundaries would repeat work.
        final long evaluationTime = now - settings.evaluationDelay().toMillis();
        final long periodMs = alarm.definition().period() * 1000L;
        if (Math.floorDiv(evaluationTime, periodMs) > Math.floorDiv(status.lastEvaluatedMs(), periodMs)) {
            status = evaluateMetric(alarm, status, evaluationTime, now);
        }
        // Scheduled from the final status even when nothing was saved: a definition change cleared the schedule.
        schedule(alarm.name(), release(alarm.name(), () -> AlarmChanges.configuration(alarm.definition()), status,
            now, redefined));
    }

    private void onTime(final CompositeAlarm alarm, final long now, final boolean redefined) {
        AlarmStatus status = current(alarm.name(), alarm, now);
        if (status.settleUntilMs() != Long.MIN_VALUE && !status.settling(now)) {
            status = evaluateComposite(alarm, status, now);
        }
        // Scheduled from the final status even when nothing was saved: a definition change cleared the schedule.
        schedule(alarm.name(), release(alarm.name(), () -> AlarmChanges.configuration(alarm.definition()), status,
            now, redefined));
    }

    /** Stores the status and notes when the wall clock next has something to do for the alarm. */
    private void save(final String name, final AlarmStatus status) {
        statuses.put(name, status);
        schedule(name, status);
    }

    private void schedule(final String name, final AlarmStatus status) {
        long at = Long.MAX_VALUE;
        final MetricAlarm metric = status.isComposite() ? null : definitions.metric(name);
        if (metric != null) {
            final long periodMs = metric.definition().period() * 1000L;
            at = status.lastEvaluatedMs() == Long.MIN_VALUE ? Long.MIN_VALUE
                : (Math.floorDiv(status.lastEvaluatedMs(), periodMs) + 1) * periodMs
                    + settings.evaluationDelay().toMillis();
        } else if (status.settleUntilMs() != Long.MIN_VALUE) {
            at = status.settleUntilMs();
        }
        if (status.held() != null) {
            at = Math.min(at, status.held().mutedUntilMs());
        }
        due.put(name, at);
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
            : transition(name, configuration.get(), status, evaluation, now);
    }

    /** Publishes the transition, marked muted (notifications held back) while a mute rule covers the alarm. */
    private AlarmStatus transition(final String name, final AlarmConfiguration configuration, final AlarmStatus status,
                                   final Evaluation evaluation, final long now) {
        final Optional<Mute> mute = Mute.of(definitions.muteRules(), name, Instant.ofEpochMilli(now));
        final List<String> mutedBy = mute.map(Mute::ruleNames).orElse(List.of());
        final AlarmStateChange change = AlarmChanges.transition(name, status.alarmType(), configuration, status,
            evaluation, now, mutedBy);
        context.forward(new Record<>(name, change, now));
        record(AlarmHistory.stateUpdate(change), status.transitions() + 1, "1-state");
        final HeldTransition held = mute.map(m -> new HeldTransition(change.getId(), status.transitions() + 1,
            status.state(), status.reason(), status.reasonData(), status.stateTimestampMs(), m.ruleNames(),
            m.until().toEpochMilli())).orElse(null);
        if (held != null) {
            record(AlarmHistory.muted(change, held.mutedUntilMs()), held.ordinal(), "2-muted");
        }
        return status.transitionedTo(evaluation.state(), evaluation.reason(), evaluation.reasonData(), now, held);
    }

    /**
     * When the mute of a held-back transition has ended and the alarm is still in that state, publishes it again
     * (same id, no mute) so that its notifications go out now, as CloudWatch runs a muted action at the end of the
     * mute window when the alarm "remains in the same state in which it was originally muted". Returns the status
     * as it ends: with the held transition released or its mute extended, or unchanged.
     */
    private AlarmStatus release(final String name, final Supplier<AlarmConfiguration> configuration,
                                final AlarmStatus status, final long now, final boolean redefined) {
        final HeldTransition held = status.held();
        if (held == null || now < held.mutedUntilMs() && !redefined) {
            return status;
        }
        final Optional<Mute> mute = Mute.of(definitions.muteRules(), name, Instant.ofEpochMilli(now));
        if (mute.isPresent()) {
            if (mute.get().until().toEpochMilli() == held.mutedUntilMs()) {
                return status;
            }
            final AlarmStatus extended = status.withHeld(held.withMutedUntil(mute.get().until().toEpochMilli()));
            save(name, extended);
            return extended;
        }
        final AlarmStateChange release = AlarmChanges.released(name, configuration.get(), status, held, now);
        context.forward(new Record<>(name, release, now));
        record(AlarmHistory.released(release, held.mutedBy()), held.ordinal(), "3-released");
        final AlarmStatus released = status.withHeld(null);
        save(name, released);
        return released;
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

    private void record(final AlarmHistoryItem item, final long transitions, final String itemId) {
        history.put(AlarmHistory.key(item.alarmName(), item.timestampMs(), transitions, itemId), item);
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
            due.remove(name);
        });
    }

    /** Forgets history items older than the retention. */
    private void purgeHistory(final long now) {
        final long cutoff = now - settings.historyRetention().toMillis();
        final List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, AlarmHistoryItem> all = history.all()) {
            while (all.hasNext()) {
                final KeyValue<String, AlarmHistoryItem> entry = all.next();
                if (entry.value.timestampMs() < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(history::delete);
    }
}
