package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.Dimension;
import io.trailwatch.processors.alarm.Evaluation;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the AlarmStateChange record of a transition. */
final class AlarmChanges {

    private AlarmChanges() {
    }

    static AlarmStateChange of(final MetricAlarmDefinition alarm, final AlarmStatus before, final Evaluation after,
                               final long nowMs) {
        return AlarmStateChange.newBuilder()
            .setId(transitionId(alarm.alarmName(), before, after))
            .setAlarmName(alarm.alarmName())
            .setAlarmType("MetricAlarm")
            .setState(new AlarmState(after.state(), after.reason(), after.reasonData(), Instant.ofEpochMilli(nowMs)))
            .setPreviousState(new AlarmState(before.state(), before.reason(), before.reasonData(),
                Instant.ofEpochMilli(before.stateTimestampMs())))
            .setConfiguration(configuration(alarm))
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
}
