package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.alarm.Datapoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The changelogged state of one alarm (metric or composite): its current state, what it evaluates, and the count of
 * its transitions, from which each transition's id is derived (so a replay after a crash yields the same ids).
 *
 * @param alarmType          MetricAlarm or CompositeAlarm
 * @param createdMs          when the alarm was first seen; part of transition ids, so a re-created alarm gets new ones
 * @param definitionJson     the definition last evaluated under: a different one means the alarm was redefined
 * @param metricSignature    metric alarms: what the datapoints were computed for; a change of metric drops them
 * @param state              current state
 * @param reason             reason text of the current state
 * @param reasonData         reason data JSON of the current state (nullable)
 * @param stateTimestampMs   when the current state was entered
 * @param evaluationState    CloudWatch's EvaluationState: null, or PARTIAL_DATA when a period of the last evaluation
 *                           had samples from which the alarm's statistic could not be computed
 * @param transitions        number of transitions so far
 * @param lastEvaluatedMs    evaluation time of the last evaluation
 * @param datapoints         metric alarms: period start (epoch ms) to datapoint
 * @param children           composite alarms: each child's last known state
 * @param settleUntilMs      composite alarms: a new or changed rule is first evaluated at this time, once every
 *                           child's current state has had time to arrive; {@link Long#MIN_VALUE} when settled
 * @param held               the last transition, when a mute rule held back its notifications; null otherwise
 */
public record AlarmStatus(String alarmType, long createdMs, String definitionJson, String metricSignature,
                          AlarmStateValue state, String reason, String reasonData, long stateTimestampMs,
                          String evaluationState, long transitions, long lastEvaluatedMs,
                          TreeMap<Long, StoredDatapoint> datapoints, TreeMap<String, ChildSnapshot> children,
                          long settleUntilMs, HeldTransition held) {

    public static final String METRIC_ALARM = "MetricAlarm";
    public static final String COMPOSITE_ALARM = "CompositeAlarm";
    public static final String PARTIAL_DATA = "PARTIAL_DATA";
    static final String INITIAL_REASON = "Unchecked: Initial alarm creation";

    public AlarmStatus {
        datapoints = datapoints == null ? new TreeMap<>() : new TreeMap<>(datapoints);
        children = children == null ? new TreeMap<>() : new TreeMap<>(children);
    }

    /**
     * One period's datapoint as kept.
     *
     * @param value       the statistic's value; null when it could not be computed from the period's samples
     * @param sampleCount the period's sample count
     */
    public record StoredDatapoint(Double value, double sampleCount) {
    }

    /** A child's state as a composite knows it. */
    public record ChildSnapshot(AlarmStateValue state, long timestampMs) {
    }

    /**
     * A transition whose notifications a mute rule held back, published again (same id) when the mute ends with the
     * alarm still in that state.
     *
     * @param id                   the transition's id
     * @param ordinal              the transition's number; the alarm is still in its state while this is the last
     * @param previousState        the state before it
     * @param previousReason       reason of the state before it
     * @param previousReasonData   reason data of the state before it
     * @param previousTimestampMs  when the state before it was entered
     * @param mutedBy              the mute rules that held it back
     * @param mutedUntilMs         when the mute was last known to end
     */
    public record HeldTransition(String id, long ordinal, AlarmStateValue previousState, String previousReason,
                                 String previousReasonData, long previousTimestampMs, List<String> mutedBy,
                                 long mutedUntilMs) {
        public HeldTransition {
            mutedBy = List.copyOf(mutedBy);
        }

        HeldTransition withMutedUntil(final long untilMs) {
            return new HeldTransition(id, ordinal, previousState, previousReason, previousReasonData,
                previousTimestampMs, mutedBy, untilMs);
        }
    }

    public static AlarmStatus created(final String alarmType, final String definitionJson, final String metricSignature,
                                      final long nowMs, final long settleUntilMs) {
        return new AlarmStatus(alarmType, nowMs, definitionJson, metricSignature, AlarmStateValue.INSUFFICIENT_DATA,
            INITIAL_REASON, null, nowMs, null, 0, Long.MIN_VALUE, null, null, settleUntilMs, null);
    }

    boolean isComposite() {
        return COMPOSITE_ALARM.equals(alarmType);
    }

    boolean settling(final long nowMs) {
        return nowMs < settleUntilMs;
    }

    AlarmStatus withDatapoint(final long periodStartMs, final StoredDatapoint datapoint, final int keep) {
        final TreeMap<Long, StoredDatapoint> next = new TreeMap<>(datapoints);
        next.put(periodStartMs, datapoint);
        while (next.size() > keep) {
            next.pollFirstEntry();
        }
        return new AlarmStatus(alarmType, createdMs, definitionJson, metricSignature, state, reason, reasonData,
            stateTimestampMs, evaluationState, transitions, lastEvaluatedMs, next, children, settleUntilMs, held);
    }

    /** With the child's state, unless an equally new or newer one is already known. */
    AlarmStatus withChild(final String child, final ChildSnapshot snapshot) {
        final ChildSnapshot known = children.get(child);
        if (known != null && known.timestampMs() > snapshot.timestampMs()) {
            return this;
        }
        final TreeMap<String, ChildSnapshot> next = new TreeMap<>(children);
        next.put(child, snapshot);
        return new AlarmStatus(alarmType, createdMs, definitionJson, metricSignature, state, reason, reasonData,
            stateTimestampMs, evaluationState, transitions, lastEvaluatedMs, datapoints, next, settleUntilMs, held);
    }

    /**
     * The status under a changed definition: the state is kept (as PutMetricAlarm and PutCompositeAlarm keep it);
     * datapoints of another metric are dropped; a composite forgets children its rule no longer names and settles
     * again, so that the new children's states arrive before the rule is evaluated.
     */
    AlarmStatus redefined(final String json, final String signature, final Set<String> ruleChildren,
                          final long settleUntil) {
        final boolean sameMetric = signature == null || signature.equals(metricSignature);
        final TreeMap<String, ChildSnapshot> kept = new TreeMap<>(children);
        kept.keySet().retainAll(ruleChildren);
        return new AlarmStatus(alarmType, createdMs, json, signature, state, reason, reasonData, stateTimestampMs,
            evaluationState, transitions, lastEvaluatedMs, sameMetric ? datapoints : null, kept,
            isComposite() ? settleUntil : settleUntilMs, held);
    }

    AlarmStatus evaluatedAt(final long evaluationMs, final String newEvaluationState) {
        return new AlarmStatus(alarmType, createdMs, definitionJson, metricSignature, state, reason, reasonData,
            stateTimestampMs, newEvaluationState, transitions, evaluationMs, datapoints, children, settleUntilMs, held);
    }

    AlarmStatus settled() {
        return new AlarmStatus(alarmType, createdMs, definitionJson, metricSignature, state, reason, reasonData,
            stateTimestampMs, evaluationState, transitions, lastEvaluatedMs, datapoints, children, Long.MIN_VALUE, held);
    }

    AlarmStatus transitionedTo(final AlarmStateValue next, final String nextReason, final String nextReasonData,
                               final long nowMs, final HeldTransition nextHeld) {
        return new AlarmStatus(alarmType, createdMs, definitionJson, metricSignature, next, nextReason, nextReasonData,
            nowMs, evaluationState, transitions + 1, lastEvaluatedMs, datapoints, children, settleUntilMs, nextHeld);
    }

    AlarmStatus withHeld(final HeldTransition nextHeld) {
        return new AlarmStatus(alarmType, createdMs, definitionJson, metricSignature, state, reason, reasonData,
            stateTimestampMs, evaluationState, transitions, lastEvaluatedMs, datapoints, children, settleUntilMs,
            nextHeld);
    }

    /** The datapoints as the evaluator takes them; periods whose statistic could not be computed are missing. */
    NavigableMap<Instant, Datapoint> evaluatorDatapoints() {
        final TreeMap<Instant, Datapoint> byInstant = new TreeMap<>();
        for (final Map.Entry<Long, StoredDatapoint> entry : datapoints.entrySet()) {
            if (entry.getValue().value() != null) {
                byInstant.put(Instant.ofEpochMilli(entry.getKey()),
                    new Datapoint(entry.getValue().value(), entry.getValue().sampleCount()));
            }
        }
        return byInstant;
    }
}
