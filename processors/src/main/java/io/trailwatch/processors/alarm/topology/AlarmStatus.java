package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmStateValue;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The changelogged state of one alarm: its current state, the datapoints it evaluates, and the count of its
 * transitions, from which each transition's id is derived (so a replay after a crash yields the same ids).
 *
 * @param createdMs            when the alarm was first seen; part of transition ids, so a re-created alarm gets new ones
 * @param metricSignature      what the datapoints were computed for; when the definition's metric changes they are dropped
 * @param state                current state
 * @param reason               reason text of the current state
 * @param reasonData           reason data JSON of the current state (nullable)
 * @param stateTimestampMs     when the current state was entered
 * @param transitions          number of transitions so far
 * @param lastEvaluatedMs      evaluation time of the last evaluation
 * @param datapoints           period start (epoch ms) to statistic value
 */
public record AlarmStatus(long createdMs, String metricSignature, AlarmStateValue state, String reason, String reasonData,
                          long stateTimestampMs, long transitions, long lastEvaluatedMs,
                          TreeMap<Long, Double> datapoints) {

    public AlarmStatus {
        datapoints = datapoints == null ? new TreeMap<>() : new TreeMap<>(datapoints);
    }

    public static AlarmStatus created(final String metricSignature, final long nowMs) {
        return new AlarmStatus(nowMs, metricSignature, AlarmStateValue.INSUFFICIENT_DATA, "Unchecked: Initial alarm creation",
            null, nowMs, 0, Long.MIN_VALUE, new TreeMap<>());
    }

    AlarmStatus withDatapoint(final long periodStartMs, final double value, final int keep) {
        final TreeMap<Long, Double> next = new TreeMap<>(datapoints);
        next.put(periodStartMs, value);
        while (next.size() > keep) {
            next.pollFirstEntry();
        }
        return new AlarmStatus(createdMs, metricSignature, state, reason, reasonData, stateTimestampMs, transitions,
            lastEvaluatedMs, next);
    }

    AlarmStatus forMetric(final String signature) {
        return signature.equals(metricSignature) ? this
            : new AlarmStatus(createdMs, signature, state, reason, reasonData, stateTimestampMs, transitions, lastEvaluatedMs, null);
    }

    AlarmStatus evaluatedAt(final long evaluationMs) {
        return new AlarmStatus(createdMs, metricSignature, state, reason, reasonData, stateTimestampMs, transitions, evaluationMs,
            datapoints);
    }

    AlarmStatus transitionedTo(final AlarmStateValue next, final String nextReason, final String nextReasonData,
                               final long nowMs) {
        return new AlarmStatus(createdMs, metricSignature, next, nextReason, nextReasonData, nowMs, transitions + 1,
            lastEvaluatedMs, datapoints);
    }

    /** The datapoints as the evaluator takes them. */
    NavigableMap<java.time.Instant, Double> datapointsByInstant() {
        final TreeMap<java.time.Instant, Double> byInstant = new TreeMap<>();
        for (final Map.Entry<Long, Double> entry : datapoints.entrySet()) {
            byInstant.put(java.time.Instant.ofEpochMilli(entry.getKey()), entry.getValue());
        }
        return byInstant;
    }
}
