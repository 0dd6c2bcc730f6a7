package io.trailwatch.app.metrics;

import static io.trailwatch.identity.AwsService.CLOUDWATCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.metrics.query.MetricFilter;
import io.trailwatch.processors.metrics.query.MetricQueries;
import io.trailwatch.processors.metrics.query.StatisticsQuery;

/**
 * CloudWatch's metric queries in AWS's protocols: GetMetricStatistics and ListMetrics (the {@link MetricQueries} the
 * {@code /v1/metrics} routes call) and GetMetricData (MetricStat queries, answered from the same statistics;
 * {@link MetricDataQueries}). PutMetricData is the {@link MetricPublisher}'s.
 */
public final class MetricsAwsOperations implements AwsOperations {


    private final MetricQueries queries;

    public MetricsAwsOperations(final MetricQueries queries) {
        this.queries = queries;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.cloudWatch()
            .operation(CLOUDWATCH.read("GetMetricStatistics"), this::getMetricStatistics)
            .operation(CLOUDWATCH.read("ListMetrics"), this::listMetrics)
            .operation(CLOUDWATCH.read("GetMetricData"), input -> new MetricDataQueries(queries).answer(
                AwsInput.of(input)));
    }

    private JsonNode getMetricStatistics(final JsonNode request) {
        final AwsInput input = AwsInput.of(request);
        final StatisticsQuery query = StatisticsQuery.of(input.requiredText("Namespace"),
            input.requiredText("MetricName"), input.dimensions("Dimensions", false), input.text("Unit").orElse(null),
            input.requiredInstant("StartTime"), input.requiredInstant("EndTime"), input.requiredInt("Period"),
            input.texts("Statistics"), input.texts("ExtendedStatistics"));
        return queries.getMetricStatistics(query, false);
    }

    private JsonNode listMetrics(final JsonNode request) {
        final AwsInput input = AwsInput.of(request);
        final String nextToken = input.text("NextToken").orElse(null);
        if (nextToken != null) {
            try {
                MetricIdentity.parseKey(nextToken);
            } catch (final RuntimeException notOurs) {
                throw AwsError.of("InvalidNextToken", 400, "The service couldn't decode the NextToken.");
            }
        }
        final ObjectNode answer = queries.listMetrics(new MetricFilter(
            input.text("Namespace").orElse(null), input.text("MetricName").orElse(null),
            input.dimensions("Dimensions", true)), nextToken, false);
        answer.withArray("Metrics").forEach(metric -> ((ObjectNode) metric).remove("Key"));
        return answer;
    }

}
