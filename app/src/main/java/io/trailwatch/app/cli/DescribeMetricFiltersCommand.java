package io.trailwatch.app.cli;

import io.trailwatch.app.http.QueryString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-metric-filters}, as {@code aws logs describe-metric-filters}. */
@Command(name = "describe-metric-filters", mixinStandardHelpOptions = true,
    description = "List metric filters as JSON: {\"metricFilters\": [...]}.")
public final class DescribeMetricFiltersCommand extends DefinitionCommand {

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
    public Integer call() {
        final Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("logGroupName", ApiCall.one(logGroupName));
        query.put("filterNamePrefix", ApiCall.one(filterNamePrefix));
        query.put("metricName", ApiCall.one(metricName));
        query.put("metricNamespace", ApiCall.one(metricNamespace));
        return get("/v1/metric-filters" + QueryString.of(query));
    }
}
