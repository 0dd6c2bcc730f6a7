package io.trailwatch.app.cli.alarms;

import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-alarms}: DescribeAlarms, with each alarm's current state. */
@Command(name = "describe-alarms", mixinStandardHelpOptions = true,
    description = {"Print alarms with their current state as {\"MetricAlarms\":[...],\"CompositeAlarms\":[...]}. "
        + "Without --alarm-types only metric alarms are listed, as in CloudWatch."})
public final class DescribeAlarmsCommand extends ApiCommand {

    @Option(names = "--alarm-names", arity = "1..*", paramLabel = "NAME", description = "Only these alarms.")
    List<String> alarmNames;

    @Option(names = "--alarm-name-prefix", paramLabel = "PREFIX", description = "Only alarms named so.")
    String alarmNamePrefix;

    @Option(names = "--alarm-types", arity = "1..*", paramLabel = "TYPE",
        description = "MetricAlarm and/or CompositeAlarm (default: MetricAlarm).")
    List<String> alarmTypes;

    @Option(names = "--state-value", paramLabel = "STATE", description = "Only alarms in OK, ALARM or INSUFFICIENT_DATA.")
    String stateValue;

    @Option(names = "--children-of-alarm-name", paramLabel = "NAME", description = "The children of a composite alarm.")
    String childrenOf;

    @Option(names = "--parents-of-alarm-name", paramLabel = "NAME",
        description = "The composite alarms whose rule names this alarm.")
    String parentsOf;

    @Mixin
    PageOptions page;

    @Override
    public Integer call() {
        final Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("AlarmNames", alarmNames);
        query.put("AlarmNamePrefix", ApiCall.one(alarmNamePrefix));
        query.put("AlarmTypes", alarmTypes);
        query.put("StateValue", ApiCall.one(stateValue));
        query.put("ChildrenOfAlarmName", ApiCall.one(childrenOf));
        query.put("ParentsOfAlarmName", ApiCall.one(parentsOf));
        page.addTo(query);
        final ApiCall api = api("DescribeAlarms");
        return api.print(api.get(ApiCall.path("/v1/alarms", query)));
    }
}
