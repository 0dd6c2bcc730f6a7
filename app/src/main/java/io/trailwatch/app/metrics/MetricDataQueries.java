package io.trailwatch.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.metrics.Statistics;
import io.trailwatch.processors.metrics.query.MetricQueries;
import io.trailwatch.processors.metrics.query.StatisticsQuery;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GetMetricData over the same statistics as GetMetricStatistics: each MetricStat query is one statistic of one
 * metric per period, answered as {@code Timestamps} and {@code Values} (newest first unless
 * {@code ScanBy=TimestampAscending}). Metric math expressions are refused, naming the query, until metric math
 * exists; so is a NextToken, since every answer here is whole (at most {@value #MAX_DATAPOINTS} datapoints).
 */
final class MetricDataQueries {

    static final int MAX_QUERIES = 500;
    static final int MAX_DATAPOINTS = 100_800;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]{0,254}");
    private static final Set<String> SIMPLE = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricQueries queries;

    MetricDataQueries(final MetricQueries queries) {
        this.queries = queries;
    }

    JsonNode answer(final AwsInput input) {
        final Instant start = input.requiredInstant("StartTime");
        final Instant end = input.requiredInstant("EndTime");
        final boolean ascending = "TimestampAscending".equals(input.text("ScanBy").orElse("TimestampDescending"));
        input.text("ScanBy").filter(scan -> !scan.equals("TimestampAscending") && !scan.equals("TimestampDescending"))
            .ifPresent(scan -> {
                throw new InvalidRecordException("ScanBy", "must be TimestampDescending or TimestampAscending");
            });
        if (input.has("NextToken")) {
            throw AwsError.of("InvalidNextToken", 400, "The service couldn't decode the NextToken.");
        }
        final int maxDatapoints = input.integer("MaxDatapoints").orElse(MAX_DATAPOINTS);
        final List<JsonNode> queryList = input.list("MetricDataQueries");
        if (queryList.isEmpty() || queryList.size() > MAX_QUERIES) {
            throw new InvalidRecordException("MetricDataQueries", "must have 1 to " + MAX_QUERIES + " members");
        }
        final ObjectNode output = JSON.createObjectNode();
        final ArrayNode results = output.putArray("MetricDataResults");
        final Set<String> ids = new HashSet<>();
        int datapoints = 0;
        for (int i = 0; i < queryList.size(); i++) {
            final String member = "MetricDataQueries.member." + (i + 1);
            final AwsInput query = AwsInput.of(queryList.get(i));
            final String id = query.requiredText("Id");
            if (!ID.matcher(id).matches()) {
                throw new InvalidRecordException(member + ".Id", "must start with a lowercase letter and contain "
                    + "only letters, digits and underscores");
            }
            if (!ids.add(id)) {
                throw new InvalidRecordException(member + ".Id", "the Id " + id + " is used twice");
            }
            if (query.has("Expression")) {
                throw AwsError.of("InvalidParameterValueException", "InvalidParameterValue", 400, "The parameter "
                    + member + ".Expression is not supported: Trailwatch does not evaluate metric math yet; use "
                    + "MetricStat queries.");
            }
            final AwsInput stat = query.structure("MetricStat").orElseThrow(() -> new InvalidRecordException(member
                + ".MetricStat", "is required (or an Expression)"));
            if (!query.bool("ReturnData").orElse(true)) {
                continue;
            }
            final ObjectNode result = result(id, query, stat, start, end, ascending);
            datapoints += result.withArray("Values").size();
            if (datapoints > maxDatapoints) {
                throw new InvalidRecordException("MaxDatapoints", "the queries return more than " + maxDatapoints
                    + " datapoints; narrow the range or lengthen the periods");
            }
            results.add(result);
        }
        output.putArray("Messages");
        return output;
    }

    private ObjectNode result(final String id, final AwsInput query, final AwsInput stat, final Instant start,
                              final Instant end, final boolean ascending) {
        final AwsInput metric = stat.structure("Metric").orElseThrow(() -> new InvalidRecordException(
            "MetricStat.Metric", "is required"));
        final String statistic = stat.requiredText("Stat");
        final boolean simple = SIMPLE.contains(statistic);
        if (!simple && !Statistics.isExtended(statistic)) {
            throw new InvalidRecordException("MetricStat.Stat", "'" + statistic + "' is not a statistic CloudWatch "
                + "knows here: one of " + SIMPLE + " or a percentile such as p99");
        }
        final StatisticsQuery statistics = StatisticsQuery.of(metric.requiredText("Namespace"),
            metric.requiredText("MetricName"), metric.dimensions("Dimensions", false), stat.text("Unit").orElse(null),
            start, end, stat.requiredInt("Period"), simple ? List.of(statistic) : List.of(),
            simple ? List.of() : List.of(statistic));
        final JsonNode answer = queries.getMetricStatistics(statistics, false);
        final List<JsonNode> points = new ArrayList<>();
        answer.path("Datapoints").forEach(points::add);
        final Comparator<JsonNode> byTime = Comparator.comparing(point -> point.path("Timestamp").asText());
        points.sort(ascending ? byTime : byTime.reversed());
        final ObjectNode result = JSON.createObjectNode().put("Id", id)
            .put("Label", query.text("Label").orElse(metric.requiredText("MetricName")));
        final ArrayNode timestamps = result.putArray("Timestamps");
        final ArrayNode values = result.putArray("Values");
        for (final JsonNode point : points) {
            final JsonNode value = simple ? point.get(statistic) : point.path("ExtendedStatistics").get(statistic);
            if (value != null && value.isNumber()) {
                timestamps.add(point.path("Timestamp").asText());
                values.add(value.doubleValue());
            }
        }
        result.put("StatusCode", "Complete");
        return result;
    }
}
