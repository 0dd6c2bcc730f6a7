package io.trailwatch.app.alarms;

import io.trailwatch.processors.alarm.topology.AlarmStatus;

/**
 * What DescribeAlarms reports of an alarm's state, as one instance tells another.
 *
 * @param stateValue        StateValue
 * @param stateReason       StateReason
 * @param stateReasonData   StateReasonData, nullable
 * @param stateTimestampMs  when the state was entered
 * @param evaluationState   EvaluationState, nullable
 * @param alarmType         MetricAlarm or CompositeAlarm
 */
record AlarmStateView(String stateValue, String stateReason, String stateReasonData, long stateTimestampMs,
                      String evaluationState, String alarmType) {

    static AlarmStateView of(final AlarmStatus status) {
        return new AlarmStateView(status.state().name(), status.reason(), status.reasonData(),
            status.stateTimestampMs(), status.evaluationState(), status.alarmType());
    }
}
