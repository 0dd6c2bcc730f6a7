package io.trailwatch.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch get-metric-statistics}, as {@code aws cloudwatch get-metric-statistics}. */
@Command(name = "get-metric-statistics", mixinStandardHelpOptions = true,
    description = "Statistics of a metric per period, from a running Trailwatch (GetMetricStatistics). Start time "
        + "inclusive, end time exclusive, at most 1,440 datapoints.")
public final class GetMetricStatisticsCommand extends ApiCommand {

    @Option(names = "--namespace", required = true, description = "Metric namespace.")
    String namespace;

    @Option(names = "--metric-name", required = true, description = "Metric name.")
    String metricName;

    @Option(names = "--dimensions", arity = "1..*", paramLabel = "Name=N,Value=V",
        description = "The metric's dimensions, e.g. Name=InstanceId,Value=i-abc123.")
    List<String> dimensions;

    @Option(names = "--start-time", required = true, paramLabel = "TIME", description = "Inclusive: ISO 8601 or epoch seconds.")
    String startTime;

    @Option(names = "--end-time", required = true, paramLabel = "TIME", description = "Exclusive: ISO 8601 or epoch seconds.")
    String endTime;

    @Option(names = "--period", required = true, paramLabel = "SECONDS",
        description = "1, 5, 10, 20, 30 or a multiple of 60.")
    int period;

    @Option(names = "--statistics", arity = "1..*", description = "SampleCount, Average, Sum, Minimum, Maximum.")
    List<String> statistics;

    @Option(names = "--extended-statistics", arity = "1..*", description = "Percentiles such as p99 or p99.9.")
    List<String> extendedStatistics;

    @Option(names = "--unit", description = "The metric's unit, when it has data in several.")
    String unit;

    @Override
    public Integer call() {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("namespace", List.of(namespace));
        params.put("metricName", List.of(metricName));
        params.put("dimensions", DimensionArguments.toQuery(spec.commandLine(), dimensions, false));
        params.put("startTime", List.of(startTime));
        params.put("endTime", List.of(endTime));
        params.put("period", List.of(Integer.toString(period)));
        params.put("statistics", statistics == null ? List.of() : statistics);
        params.put("extendedStatistics", extendedStatistics == null ? List.of() : extendedStatistics);
        if (unit != null) {
            params.put("unit", List.of(unit));
        }
        final ApiCall api = api("GetMetricStatistics");
        return api.print(api.get(ApiCall.path("/v1/metrics/statistics", params)));
    }
}
