package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.Dimension;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.Evaluation;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the AlarmStateChange records of transitions. */
final class AlarmChanges {

    private AlarmChanges() {
    }

    /** A transition from the status's state to the evaluation's, at {@code nowMs}. */
    static AlarmStateChange transition(final String alarmName, final String alarmType,
                                       final AlarmConfiguration configuration, final AlarmStatus before,
                                       final Evaluation after, final long nowMs, final List<String> mutedBy) {
        return AlarmStateChange.newBuilder()
            .setId(transitionId(alarmName, before, after))
            .setAlarmName(alarmName)
            .setAlarmType(alarmType)
            .setState(new AlarmState(after.state(), after.reason(), after.reasonData(), Instant.ofEpochMilli(nowMs)))
            .setPreviousState(new AlarmState(before.state(), before.reason(), before.reasonData(),
                Instant.ofEpochMilli(before.stateTimestampMs())))
            .setConfiguration(configuration)
            .setMutedBy(mutedBy)
            .build();
    }

    /**
     * The held-back transition, published again with the same id once its mute ended: the alarm is still in the
     * state it entered then ({@code current}).
     */
    static AlarmStateChange released(final String alarmName, final AlarmConfiguration configuration,
                                     final AlarmStatus current, final AlarmStatus.HeldTransition held,
                                     final long nowMs) {
        return AlarmStateChange.newBuilder()
            .setId(held.id())
            .setAlarmName(alarmName)
            .setAlarmType(current.alarmType())
            .setState(new AlarmState(current.state(), current.reason(), current.reasonData(),
                Instant.ofEpochMilli(current.stateTimestampMs())))
            .setPreviousState(new AlarmState(held.previousState(), held.previousReason(), held.previousReasonData(),
                Instant.ofEpochMilli(held.previousTimestampMs())))
            .setConfiguration(configuration)
            .setMutedBy(List.of())
            .setNotificationReleasedAt(Instant.ofEpochMilli(nowMs))
            .build();
    }

    /**
     * Deterministic: the alarm, its creation, and the ordinal of the transition. A transition replayed after a
     * crash (state restored from the changelog) gets the same id, so consumers can drop the copy.
     */
    static String transitionId(final String alarmName, final AlarmStatus before, final Evaluation after) {
        final String identity = alarmName + '\n' + before.createdMs() + '\n' + (before.transitions() + 1) + '\n'
            + after.state();
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static AlarmConfiguration configuration(final MetricAlarmDefinition alarm) {
        final List<Dimension> dimensions = alarm.dimensions().entrySet().stream()
            .map(entry -> new Dimension(entry.getKey(), entry.getValue())).toList();
        return AlarmConfiguration.newBuilder()
            .setDescription(alarm.alarmDescription())
            .setNamespace(alarm.namespace())
            .setMetricName(alarm.metricName())
            .setDimensions(dimensions)
            .setStatistic(alarm.statisticName())
            .setPeriod(alarm.period())
            .setEvaluationPeriods(alarm.evaluationPeriods())
            .setDatapointsToAlarm(alarm.datapointsToAlarm())
            .setThreshold(alarm.threshold())
            .setComparisonOperator(alarm.comparisonOperator().name())
            .setTreatMissingData(alarm.treatMissingData().name())
            .setActionsEnabled(alarm.actionsEnabled())
            .build();
    }

    static AlarmConfiguration configuration(final CompositeAlarmDefinition alarm) {
        return AlarmConfiguration.newBuilder()
            .setDescription(alarm.alarmDescription())
            .setAlarmRule(alarm.alarmRule())
            .setActionsEnabled(alarm.actionsEnabled())
            .build();
    }
}
