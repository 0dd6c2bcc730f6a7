package io.trailwatch.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-metric-filters}, as {@code aws logs describe-metric-filters}. */
@Command(name = "describe-metric-filters", mixinStandardHelpOptions = true,
    description = "List metric filters as JSON: {\"metricFilters\": [...]}.")
public final class DescribeMetricFiltersCommand implements Callable<Integer> {

    @Option(names = "--log-group-name", paramLabel = "NAME", description = "Only filters of this log group.")
    String logGroupName;

    @Option(names = "--filter-name-prefix", paramLabel = "PREFIX", description = "Only filters whose name starts so.")
    String filterNamePrefix;

    @Option(names = "--metric-name", paramLabel = "NAME", description = "Only filters emitting this metric "
        + "(with --metric-namespace).")
    String metricName;

    @Option(names = "--metric-namespace", paramLabel = "NAMESPACE", description = "The namespace of --metric-name.")
    String metricNamespace;

    @Mixin
    ApiOptions api;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final Map<String, List<String>> query = new LinkedHashMap<>();
        Stream.of(Map.entry("logGroupName", Optional.ofNullable(logGroupName)),
                Map.entry("filterNamePrefix", Optional.ofNullable(filterNamePrefix)),
                Map.entry("metricName", Optional.ofNullable(metricName)),
                Map.entry("metricNamespace", Optional.ofNullable(metricNamespace)))
            .forEach(parameter -> parameter.getValue().ifPresent(value -> query.put(parameter.getKey(), List.of(value))));
        return new ApiClient(api).getAndPrint("/v1/metric-filters" + ApiClient.query(query),
            spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
