package io.trailwatch.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch list-metrics}, as {@code aws cloudwatch list-metrics}. */
@Command(name = "list-metrics", mixinStandardHelpOptions = true,
    description = "Metrics with data in the past two weeks, from a running Trailwatch (ListMetrics).")
public final class ListMetricsCommand extends ApiCommand {

    @Option(names = "--namespace", description = "Only metrics in this namespace.")
    String namespace;

    @Option(names = "--metric-name", description = "Only metrics with this name.")
    String metricName;

    @Option(names = "--dimensions", arity = "1..*", paramLabel = "Name=N[,Value=V]",
        description = "Only metrics with these dimensions (any value when Value is left out).")
    List<String> dimensions;

    @Option(names = "--next-token", description = "Where the previous page ended.")
    String nextToken;

    @Override
    public Integer call() {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        if (namespace != null) {
            params.put("namespace", List.of(namespace));
        }
        if (metricName != null) {
            params.put("metricName", List.of(metricName));
        }
        params.put("dimensions", DimensionArguments.toQuery(spec.commandLine(), dimensions, true));
        if (nextToken != null) {
            params.put("nextToken", List.of(nextToken));
        }
        final ApiCall api = api("ListMetrics");
        return api.print(api.get(ApiCall.path("/v1/metrics", params)));
    }
}
