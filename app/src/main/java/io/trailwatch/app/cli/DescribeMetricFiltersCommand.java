package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-metric-filters}, as {@code aws logs describe-metric-filters}. */
@Command(name = "describe-metric-filters", mixinStandardHelpOptions = true,
    description = "List metric filters as JSON: {\"metricFilters\": [...]}.")
public final class DescribeMetricFiltersCommand extends ApiCommand {

    @Option(names = "--log-group-name", paramLabel = "NAME", description = "Only filters of this log group.")
    String logGroupName;

    @Option(names = "--filter-name-prefix", paramLabel = "PREFIX", description = "Only filters whose name starts so.")
    String filterNamePrefix;

    @Option(names = "--metric-name", paramLabel = "NAME", description = "Only filters emitting this metric "
        + "(with --metric-namespace).")
    String metricName;

    @Option(names = "--metric-namespace", paramLabel = "NAMESPACE", description = "The namespace of --metric-name.")
    String metricNamespace;

    @Override
    JsonNode call(final ApiClient api) throws IOException, InterruptedException {
        final Map<String, String> query = new HashMap<>();
        query.put("logGroupName", logGroupName);
        query.put("filterNamePrefix", filterNamePrefix);
        query.put("metricName", metricName);
        query.put("metricNamespace", metricNamespace);
        return api.get("/v1/metric-filters", query);
    }
}
