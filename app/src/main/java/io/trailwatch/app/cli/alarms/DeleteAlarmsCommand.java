package io.trailwatch.app.cli.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch delete-alarms}: DeleteAlarms. */
@Command(name = "delete-alarms", mixinStandardHelpOptions = true,
    description = {"Delete alarms. Composite alarms among them are deleted first, so a composite and its children "
        + "go in one call; an alarm still named by another composite's rule is refused. Their history stays."})
public final class DeleteAlarmsCommand extends ApiCommand {

    @Option(names = "--alarm-names", arity = "1..*", required = true, paramLabel = "NAME",
        description = "The alarms to delete.")
    List<String> alarmNames;

    @Override
    public Integer call() {
        final ApiCall api = api("DeleteAlarms");
        final Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("AlarmNames", alarmNames);
        query.put("AlarmTypes", List.of("CompositeAlarm"));
        final ApiCall.Answer composites = api.get(ApiCall.path("/v1/alarms", query));
        if (!composites.ok()) {
            return composites.exitCode();
        }
        final List<String> order = new ArrayList<>();
        for (final JsonNode composite : composites.body().path("CompositeAlarms")) {
            order.add(composite.path("AlarmName").asText());
        }
        alarmNames.stream().filter(name -> !order.contains(name)).forEach(order::add);
        for (final String name : order) {
            final ApiCall.Answer deleted = api.delete("/v1/alarms/" + ApiCall.segment(name));
            if (!deleted.ok()) {
                return deleted.exitCode();
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
