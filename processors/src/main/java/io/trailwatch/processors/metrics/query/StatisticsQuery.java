package io.trailwatch.processors.metrics.query;

import io.trailwatch.processors.metrics.Statistics;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * A GetMetricStatistics request, validated as CloudWatch validates it.
 *
 * @param namespace          Namespace
 * @param metricName         MetricName
 * @param dimensions         Dimensions, all of them (a metric is identified by its whole dimension set)
 * @param unit               Unit, or null for whichever unit the metric has
 * @param start              StartTime, inclusive
 * @param end                EndTime, exclusive
 * @param period             Period in seconds
 * @param statistics         Statistics (at most 5)
 * @param extendedStatistics ExtendedStatistics, percentiles (at most 10)
 */
public record StatisticsQuery(String namespace, String metricName, SortedMap<String, String> dimensions, String unit,
                              Instant start, Instant end, int period, List<String> statistics,
                              List<String> extendedStatistics) {

    public static final int MAX_DATAPOINTS = 1440;
    private static final Set<String> SIMPLE = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    private static final Set<Integer> SHORT_PERIODS = Set.of(1, 5, 10, 20, 30);

    /** Parses and validates the query parameters of {@code GET /v1/metrics/statistics}. */
    public static StatisticsQuery parse(final Map<String, List<String>> params) {
        final QueryParameters query = new QueryParameters(params);
        final StatisticsQuery parsed = new StatisticsQuery(query.required("namespace"), query.required("metricName"),
            query.dimensions(false), query.optional("unit"), query.instant("startTime"), query.instant("endTime"),
            query.integer("period"), query.list("statistics"), query.list("extendedStatistics"));
        parsed.validate();
        return parsed;
    }

    /** A GetMetricStatistics request from its members, validated as {@link #parse} validates. */
    public static StatisticsQuery of(final String namespace, final String metricName,
                                     final SortedMap<String, String> dimensions, final String unit, final Instant start,
                                     final Instant end, final int period, final List<String> statistics,
                                     final List<String> extendedStatistics) {
        final StatisticsQuery query = new StatisticsQuery(namespace, metricName, dimensions, unit, start, end, period,
            statistics, extendedStatistics);
        query.validate();
        return query;
    }

    private void validate() {
        if (period < 1 || !SHORT_PERIODS.contains(period) && period % 60 != 0) {
            throw new InvalidRecordException("period", "must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, was "
                + period);
        }
        if (!end.isAfter(start)) {
            throw new InvalidRecordException("endTime", "must be after startTime");
        }
        final long datapoints = (end.toEpochMilli() - start.toEpochMilli() + period * 1000L - 1) / (period * 1000L);
        if (datapoints > MAX_DATAPOINTS) {
            throw new InvalidRecordException("period", "the range would return " + datapoints
                + " datapoints; at most " + MAX_DATAPOINTS + " are allowed: narrow the range or lengthen the period");
        }
        if (statistics.isEmpty() && extendedStatistics.isEmpty()) {
            throw new InvalidRecordException("statistics", "give statistics or extendedStatistics");
        }
        if (statistics.size() > 5) {
            throw new InvalidRecordException("statistics", "at most 5, got " + statistics.size());
        }
        if (extendedStatistics.size() > 10) {
            throw new InvalidRecordException("extendedStatistics", "at most 10, got " + extendedStatistics.size());
        }
        statistics.stream().filter(statistic -> !SIMPLE.contains(statistic)).findFirst().ifPresent(bad -> {
            throw new InvalidRecordException("statistics", "'" + bad + "' is not one of " + SIMPLE);
        });
        extendedStatistics.stream().filter(statistic -> !Statistics.isExtended(statistic)).findFirst()
            .ifPresent(bad -> {
                throw new InvalidRecordException("extendedStatistics", "'" + bad
                    + "' is not a percentile such as p99 or p99.9");
            });
    }

    /** The same query for the given unit. */
    public StatisticsQuery withUnit(final String newUnit) {
        return new StatisticsQuery(namespace, metricName, dimensions, newUnit, start, end, period, statistics,
            extendedStatistics);
    }

    /** The query string that asks another instance the same question about its own partitions. */
    public String toQueryString() {
        final StringBuilder query = new StringBuilder();
        append(query, "namespace", namespace);
        append(query, "metricName", metricName);
        dimensions.forEach((name, value) -> append(query, "dimensions", name + "=" + value));
        if (unit != null) {
            append(query, "unit", unit);
        }
        append(query, "startTime", start.toString());
        append(query, "endTime", end.toString());
        append(query, "period", Integer.toString(period));
        statistics.forEach(statistic -> append(query, "statistics", statistic));
        extendedStatistics.forEach(statistic -> append(query, "extendedStatistics", statistic));
        return query.toString();
    }

    static void append(final StringBuilder query, final String name, final String value) {
        query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
            .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
}
