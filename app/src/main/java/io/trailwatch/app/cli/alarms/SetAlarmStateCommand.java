package io.trailwatch.app.cli.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch set-alarm-state}: SetAlarmState. */
@Command(name = "set-alarm-state", mixinStandardHelpOptions = true,
    description = {"Set an alarm's state until its next evaluation (a composite alarm's until one of its children "
        + "changes), e.g. to test notifications. A state change is published as any other."})
public final class SetAlarmStateCommand extends ApiCommand {

    @Option(names = "--alarm-name", required = true, paramLabel = "NAME", description = "The alarm.")
    String alarmName;

    @Option(names = "--state-value", required = true, paramLabel = "STATE", description = "OK, ALARM or INSUFFICIENT_DATA.")
    String stateValue;

    @Option(names = "--state-reason", required = true, paramLabel = "TEXT", description = "Why, for people.")
    String stateReason;

    @Option(names = "--state-reason-data", paramLabel = "JSON", description = "Why, for programs (JSON).")
    String stateReasonData;

    @Override
    public Integer call() {
        final ObjectNode body = ApiCall.JSON.createObjectNode().put("StateValue", stateValue)
            .put("StateReason", stateReason);
        if (stateReasonData != null) {
            body.put("StateReasonData", stateReasonData);
        }
        return api("SetAlarmState")
            .post("/v1/alarms/" + ApiCall.segment(alarmName) + "/state", body).exitCode();
    }
}
