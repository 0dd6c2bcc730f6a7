package io.trailwatch.processors.metrics.query;

import io.trailwatch.processors.metrics.MetricIdentity;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * ListMetrics' filter: namespace, metric name, and dimensions the metric must have (a null value matches any
 * value of that dimension). Absent parts match everything.
 */
public record MetricFilter(String namespace, String metricName, SortedMap<String, String> dimensions) {

    public MetricFilter {
        dimensions = dimensions == null ? new TreeMap<>() : new TreeMap<>(dimensions);
    }

    public static MetricFilter parse(final Map<String, List<String>> params) {
        final QueryParameters query = new QueryParameters(params);
        return new MetricFilter(query.optional("namespace"), query.optional("metricName"), query.dimensions(true));
    }

    boolean matches(final MetricIdentity metric) {
        if (namespace != null && !namespace.equals(metric.namespace())
            || metricName != null && !metricName.equals(metric.metricName())) {
            return false;
        }
        for (final Map.Entry<String, String> dimension : dimensions.entrySet()) {
            final String value = metric.dimensions().get(dimension.getKey());
            if (value == null || dimension.getValue() != null && !dimension.getValue().equals(value)) {
                return false;
            }
        }
        return true;
    }

    String toQueryString() {
        final StringBuilder query = new StringBuilder();
        if (namespace != null) {
            StatisticsQuery.append(query, "namespace", namespace);
        }
        if (metricName != null) {
            StatisticsQuery.append(query, "metricName", metricName);
        }
        dimensions.forEach((name, value) -> StatisticsQuery.append(query, "dimensions",
            value == null ? name : name + "=" + value));
        return query.length() == 0 ? "?" : query.toString();
    }
}
