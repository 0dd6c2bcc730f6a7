package io.trailwatch.app.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch delete-metric-filter}, as {@code aws logs delete-metric-filter}. */
@Command(name = "delete-metric-filter", mixinStandardHelpOptions = true,
    description = "Delete a metric filter; exit code 2 when the log group has no filter of that name.")
public final class DeleteMetricFilterCommand implements Callable<Integer> {

    @Option(names = "--log-group-name", required = true, paramLabel = "NAME", description = "The filter's log group.")
    String logGroupName;

    @Option(names = "--filter-name", required = true, paramLabel = "NAME", description = "The filter's name.")
    String filterName;

    @Mixin
    ApiOptions api;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return new ApiClient(api).send(DefinitionRequests.delete(api, "/v1/metric-filters/"
                + DefinitionRequests.segment(filterName) + ApiClient.query(Map.of("logGroupName", List.of(logGroupName)))),
            DefinitionRequests.nowhere(), spec.commandLine().getErr());
    }
}
