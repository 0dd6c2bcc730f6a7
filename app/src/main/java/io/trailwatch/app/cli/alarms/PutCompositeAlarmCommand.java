package io.trailwatch.app.cli.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch put-composite-alarm}: PutCompositeAlarm. */
@Command(name = "put-composite-alarm", mixinStandardHelpOptions = true,
    description = {"Create or update a composite alarm: ALARM while its rule holds, e.g. "
        + "'ALARM(CpuHigh) AND NOT ALARM(DeploymentInProgress)'. A rule that does not parse is rejected with the "
        + "position of the problem (exit code 2)."})
public final class PutCompositeAlarmCommand extends ApiCommand {

    @Mixin
    AlarmActionsOptions alarm;

    @Option(names = "--alarm-rule", required = true, paramLabel = "RULE",
        description = "ALARM(x), OK(x), INSUFFICIENT_DATA(x), TRUE, FALSE, AND, OR, NOT and parentheses.")
    String alarmRule;

    @Override
    public Integer call() {
        final ObjectNode body = alarm.body().put("AlarmRule", alarmRule);
        return api("PutCompositeAlarm")
            .put("/v1/alarms/" + ApiCall.segment(alarm.alarmName), body).exitCode();
    }
}
