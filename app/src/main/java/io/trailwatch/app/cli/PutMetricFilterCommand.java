package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch put-metric-filter}, as {@code aws logs put-metric-filter}. */
@Command(name = "put-metric-filter", mixinStandardHelpOptions = true,
    description = {"Create or update a metric filter (PutMetricFilter). It applies to events that arrive after it, "
        + "on every instance, without a restart.",
        "Example: trailwatch put-metric-filter --log-group-name trailwatch/audit --filter-name DeleteBucket "
            + "--filter-pattern '{ $.eventName = \"DeleteBucket\" }' --metric-transformations "
            + "metricName=DeleteBucketCount,metricNamespace=Security,metricValue=1,unit=Count"})
public final class PutMetricFilterCommand extends DefinitionCommand {

    @Option(names = "--log-group-name", required = true, paramLabel = "NAME",
        description = "The log group the filter reads; trailwatch/audit is the audit trail.")
    String logGroupName;

    @Option(names = "--filter-name", required = true, paramLabel = "NAME", description = "The filter's name.")
    String filterName;

    @Option(names = "--filter-pattern", required = true, paramLabel = "PATTERN",
        description = "CloudWatch Logs filter pattern; '' matches every event.")
    String filterPattern;

    @Option(names = "--metric-transformations", required = true, paramLabel = "TRANSFORMATION",
        description = "metricName=N,metricNamespace=NS,metricValue=V[,defaultValue=D][,dimensions={K=$.field}]"
            + "[,unit=U], or the same as JSON.")
    String metricTransformations;

    @Override
    public Integer call() {
        final ArrayNode transformations;
        try {
            transformations = MetricTransformationsArgument.parse(metricTransformations);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metric-transformations: " + e.getMessage());
        }
        final ObjectNode body = JSON.createObjectNode()
            .put("logGroupName", logGroupName)
            .put("filterName", filterName)
            .put("filterPattern", filterPattern);
        body.set("metricTransformations", transformations);
        return put("/v1/metric-filters/" + ApiCall.segment(filterName), body, false);
    }
}
