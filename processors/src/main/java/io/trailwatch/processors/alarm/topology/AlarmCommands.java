package io.trailwatch.processors.alarm.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.AlarmStateValue;
import java.util.Arrays;
import java.util.Optional;

/** SetAlarmState requests as they arrive on {@code trailwatch.alarm-commands}: what makes one invalid. */
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
        if (Arrays.stream(AlarmStateValue.values()).noneMatch(value -> value.name().equals(command.getStateValue()))) {
            return Optional.of("StateValue: must be OK, ALARM or INSUFFICIENT_DATA, was '" + command.getStateValue()
                + "'");
        }
        if (command.getStateReason() == null || command.getStateReason().length() > MAX_REASON) {
            return Optional.of("StateReason: is required, at most " + MAX_REASON + " characters");
        }
        final String data = command.getStateReasonData();
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

    static AlarmInput toInput(final AlarmCommand command) {
        return new AlarmInput.SetState(command.getId(), AlarmStateValue.valueOf(command.getStateValue()),
            command.getStateReason(), command.getStateReasonData());
    }
}
