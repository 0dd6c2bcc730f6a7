package io.trailwatch.processors.alarm.topology;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.trailwatch.avro.AlarmStateValue;

/**
 * What reaches the task that owns an alarm, keyed by alarm name through the {@code alarm-inputs} repartition topic:
 * a period's datapoint (metric alarms), a child's state (composite alarms), a SetAlarmState request, the notice
 * of a definition change or the run of an action (both).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AlarmInput.Datapoint.class, name = "datapoint"),
    @JsonSubTypes.Type(value = AlarmInput.ChildState.class, name = "child"),
    @JsonSubTypes.Type(value = AlarmInput.SetState.class, name = "set-state"),
    @JsonSubTypes.Type(value = AlarmInput.DefinitionChanged.class, name = "definition-changed"),
    @JsonSubTypes.Type(value = AlarmInput.ActionRun.class, name = "action-run")})
sealed interface AlarmInput {

    /**
     * The value of the alarm's statistic over one closed period.
     *
     * @param signature     what the value was computed for ({@link AlarmIndex#signature}); a value computed for an
     *                      older definition of the alarm is dropped
     * @param periodStartMs period start
     * @param periodSeconds period length
     * @param value         the statistic's value; null when the period had data but the statistic cannot be
     *                      computed from it (a percentile of a statistic set)
     * @param sampleCount   how many samples the period aggregated
     */
    record Datapoint(String signature, long periodStartMs, int periodSeconds, Double value, double sampleCount)
        implements AlarmInput {
    }

    /**
     * A child alarm's state, for the composites whose rule names it.
     *
     * @param child            the child's name
     * @param state            its state
     * @param stateTimestampMs when it entered that state
     */
    record ChildState(String child, AlarmStateValue state, long stateTimestampMs) implements AlarmInput {
    }

    /**
     * SetAlarmState: the state until the next evaluation.
     *
     * @param commandId  the request's id
     * @param state      the state to set
     * @param reason     StateReason
     * @param reasonData StateReasonData JSON, nullable
     */
    record SetState(String commandId, AlarmStateValue state, String reason, String reasonData) implements AlarmInput {
    }

    /**
     * The alarm's definition changed (each change, in order, for the history).
     *
     * @param kind           metric-alarm or composite-alarm
     * @param definitionJson the new definition; null when deleted
     * @param updatedAtMs    when it was written
     */
    record DefinitionChanged(String kind, String definitionJson, long updatedAtMs) implements AlarmInput {
    }

    /**
     * One of the alarm's actions ran for a transition (downstream of {@code trailwatch.alarms}): an Action item of
     * the history.
     *
     * @param transitionId the transition whose state's actions ran
     * @param action       the action's ARN
     * @param succeeded    whether it ran
     * @param summary      CloudWatch's summary of it
     * @param data         the item's data, JSON
     * @param atMs         when it ran
     */
    record ActionRun(String transitionId, String action, boolean succeeded, String summary, String data, long atMs)
        implements AlarmInput {
    }
}
