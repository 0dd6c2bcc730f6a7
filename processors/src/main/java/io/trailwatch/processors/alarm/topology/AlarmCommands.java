package io.trailwatch.processors.alarm.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmActionRun;
import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.AlarmDefinitionChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.SetAlarmState;
import io.trailwatch.processors.config.DefinitionKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The requests of {@code trailwatch.alarm-commands}: SetAlarmState, and notices of alarm definition changes and of
 * action runs (for the history); how to make them and what makes one invalid.
 */
public final class AlarmCommands {

    /** SetAlarmState's limits on StateReason and StateReasonData. */
    public static final int MAX_REASON = 1023;
    public static final int MAX_REASON_DATA = 4000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlarmCommands() {
    }

    /** Why the request cannot be applied, as "Field: reason"; empty when it is valid. */
    public static Optional<String> problem(final AlarmCommand command) {
        if (command.getAlarmName() == null || command.getAlarmName().isEmpty()) {
            return Optional.of("AlarmName: is required");
        }
        final long given = java.util.stream.Stream.of(command.getSetState(), command.getDefinitionChange(),
            command.getActionRun()).filter(java.util.Objects::nonNull).count();
        if (given != 1) {
            return Optional.of("(command): exactly one of setState, definitionChange and actionRun is required");
        }
        if (command.getActionRun() != null) {
            return Optional.empty();
        }
        if (command.getDefinitionChange() != null) {
            final String kind = command.getDefinitionChange().getKind();
            return DefinitionKind.METRIC_ALARM.id().equals(kind) || DefinitionKind.COMPOSITE_ALARM.id().equals(kind)
                ? Optional.empty() : Optional.of("definitionChange.kind: must be metric-alarm or composite-alarm");
        }
        final SetAlarmState set = command.getSetState();
        if (Arrays.stream(AlarmStateValue.values()).noneMatch(value -> value.name().equals(set.getStateValue()))) {
            return Optional.of("StateValue: must be OK, ALARM or INSUFFICIENT_DATA, was '" + set.getStateValue() + "'");
        }
        if (set.getStateReason() == null || set.getStateReason().length() > MAX_REASON) {
            return Optional.of("StateReason: is required, at most " + MAX_REASON + " characters");
        }
        final String data = set.getStateReasonData();
        if (data != null) {
            if (data.length() > MAX_REASON_DATA) {
                return Optional.of("StateReasonData: must be at most " + MAX_REASON_DATA + " characters");
            }
            try {
                JSON.readTree(data);
            } catch (final JsonProcessingException e) {
                return Optional.of("StateReasonData: is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return Optional.empty();
    }

    /** A SetAlarmState request. */
    public static AlarmCommand setState(final String alarmName, final String stateValue, final String stateReason,
                                        final String stateReasonData, final Instant now) {
        return new AlarmCommand(UUID.randomUUID().toString(), alarmName, now,
            new SetAlarmState(stateValue, stateReason, stateReasonData), null, null);
    }

    /** The notice that one of an alarm's actions ran for a transition. */
    public static AlarmCommand actionRun(final String alarmName, final AlarmActionRun run, final Instant now) {
        return new AlarmCommand(UUID.randomUUID().toString(), alarmName, now, null, null, run);
    }

    static AlarmInput toInput(final AlarmCommand command) {
        if (command.getActionRun() != null) {
            final AlarmActionRun run = command.getActionRun();
            return new AlarmInput.ActionRun(run.getTransitionId(), run.getAction(), run.getSucceeded(),
                run.getSummary(), run.getData(), command.getRequestedAt().toEpochMilli());
        }
        if (command.getDefinitionChange() != null) {
            final AlarmDefinitionChange change = command.getDefinitionChange();
            return new AlarmInput.DefinitionChanged(change.getKind(), change.getDefinition(),
                change.getUpdatedAt().toEpochMilli());
        }
        final SetAlarmState set = command.getSetState();
        return new AlarmInput.SetState(command.getId(), AlarmStateValue.valueOf(set.getStateValue()),
            set.getStateReason(), set.getStateReasonData());
    }
}
