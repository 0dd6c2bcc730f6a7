package io.trailwatch.app.cli.alarms;

import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-alarm-history}: DescribeAlarmHistory. */
@Command(name = "describe-alarm-history", mixinStandardHelpOptions = true,
    description = {"Print an alarm's history (state updates, configuration updates, actions) of the last 30 days, "
        + "newest first, as {\"AlarmHistoryItems\":[...]}; kept after the alarm is deleted."})
public final class DescribeAlarmHistoryCommand extends ApiCommand {

    @Option(names = "--alarm-name", required = true, paramLabel = "NAME", description = "The alarm.")
    String alarmName;

    @Option(names = "--history-item-type", paramLabel = "TYPE",
        description = "Only StateUpdate, ConfigurationUpdate or Action items.")
    String historyItemType;

    @Option(names = "--start-date", paramLabel = "TIME", description = "Items from this time: ISO 8601 or epoch seconds.")
    String startDate;

    @Option(names = "--end-date", paramLabel = "TIME", description = "Items up to this time: ISO 8601 or epoch seconds.")
    String endDate;

    @Option(names = "--scan-by", paramLabel = "ORDER", description = "TimestampDescending (default) or TimestampAscending.")
    String scanBy;

    @Mixin
    PageOptions page;

    @Override
    public Integer call() {
        final Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("HistoryItemType", ApiCall.one(historyItemType));
        query.put("StartDate", ApiCall.one(startDate));
        query.put("EndDate", ApiCall.one(endDate));
        query.put("ScanBy", ApiCall.one(scanBy));
        page.addTo(query);
        final ApiCall api = api("DescribeAlarmHistory");
        return api.print(api.get(ApiCall.path("/v1/alarms/" + ApiCall.segment(alarmName) + "/history", query)));
    }
}
