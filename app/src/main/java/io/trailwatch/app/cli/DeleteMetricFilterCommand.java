package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch delete-metric-filter}, as {@code aws logs delete-metric-filter}. */
@Command(name = "delete-metric-filter", mixinStandardHelpOptions = true,
    description = "Delete a metric filter; exit code 1 when the log group has no filter of that name.")
public final class DeleteMetricFilterCommand extends ApiCommand {

    @Option(names = "--log-group-name", required = true, paramLabel = "NAME", description = "The filter's log group.")
    String logGroupName;

    @Option(names = "--filter-name", required = true, paramLabel = "NAME", description = "The filter's name.")
    String filterName;

    @Override
    JsonNode call(final ApiClient api) throws IOException, InterruptedException {
        api.delete("/v1/metric-filters/" + ApiClient.segment(filterName), Map.of("logGroupName", logGroupName));
        return null;
    }
}
