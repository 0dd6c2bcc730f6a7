package io.trailwatch.app.cli;

import io.trailwatch.app.http.QueryString;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch delete-metric-filter}, as {@code aws logs delete-metric-filter}. */
@Command(name = "delete-metric-filter", mixinStandardHelpOptions = true,
    description = "Delete a metric filter; exit code 2 when the log group has no filter of that name.")
public final class DeleteMetricFilterCommand extends DefinitionCommand {

    @Option(names = "--log-group-name", required = true, paramLabel = "NAME", description = "The filter's log group.")
    String logGroupName;

    @Option(names = "--filter-name", required = true, paramLabel = "NAME", description = "The filter's name.")
    String filterName;

    @Override
    public Integer call() {
        return delete("/v1/metric-filters/" + ApiCall.segment(filterName)
            + QueryString.of(Map.of("logGroupName", List.of(logGroupName))));
    }
}
