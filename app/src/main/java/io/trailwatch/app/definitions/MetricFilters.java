package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.filter.MetricFilterDefinition;
import io.trailwatch.processors.filter.MetricFilterTester;
import java.util.List;

/**
 * Metric filters (PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter), as both the
 * {@code /v1/metric-filters} routes and CloudWatch Logs' own API answer them: validated as CloudWatch validates them,
 * kept on the config topic.
 */
public final class MetricFilters {

    /** PutMetricFilter's quota: metric filters per log group. */
    static final int MAX_FILTERS_PER_LOG_GROUP = 100;

    private final DefinitionStore definitions;

    public MetricFilters(final DefinitionStore definitions) {
        this.definitions = definitions;
    }

    /** PutMetricFilter: creates or replaces the filter its {@code filterName} names; returns it as stored. */
    public ConfigEntry put(final ObjectNode request) {
        final DefinitionEntry entry = MetricFilterDefinition.TYPE.request(request);
        requireRoomInLogGroup(entry);
        return definitions.put(entry);
    }

    private void requireRoomInLogGroup(final DefinitionEntry entry) {
        final String group = MetricFilterDefinition.TYPE.fromJson(entry.definitionJson()).logGroupName();
        final long others = definitions.list(DefinitionKind.METRIC_FILTER).stream()
            .map(MetricFilterJson::definition)
            .filter(filter -> filter.logGroupName().equals(group) && !filter.filterName().equals(entry.name()))
            .count();
        if (others >= MAX_FILTERS_PER_LOG_GROUP) {
            throw new ApiErrors.BadRequest("logGroupName", "LimitExceededException: log group '" + group
                + "' already has " + MAX_FILTERS_PER_LOG_GROUP + " metric filters");
        }
    }

    /**
     * DescribeMetricFilters' selection, by name; each criterion may be null (any).
     *
     * @param metricName      with {@code metricNamespace}: the filters that emit that metric
     */
    public List<ConfigEntry> describe(final String logGroupName, final String filterNamePrefix,
                                      final String metricName, final String metricNamespace) {
        if ((metricName == null) != (metricNamespace == null)) {
            throw new ApiErrors.BadRequest(metricName == null ? "metricName" : "metricNamespace",
                "metricName and metricNamespace must be given together");
        }
        return definitions.list(DefinitionKind.METRIC_FILTER, filterNamePrefix == null ? "" : filterNamePrefix)
            .stream()
            .filter(entry -> {
                final MetricFilterDefinition filter = MetricFilterJson.definition(entry);
                return (logGroupName == null || logGroupName.equals(filter.logGroupName()))
                    && (metricName == null || filter.metricTransformations().stream().anyMatch(transformation ->
                        transformation.metricName().equals(metricName)
                            && transformation.metricNamespace().equals(metricNamespace)));
            })
            .toList();
    }

    /** The filter of that name (in that log group, unless null); 404 when there is none. */
    public ConfigEntry existing(final String name, final String logGroupName) {
        return definitions.get(DefinitionKind.METRIC_FILTER, name)
            .filter(entry -> logGroupName == null
                || logGroupName.equals(MetricFilterJson.definition(entry).logGroupName()))
            .orElseThrow(() -> new ApiErrors.NotFound("ResourceNotFoundException: no metric filter '" + name + "'"
                + (logGroupName == null ? "" : " in log group '" + logGroupName + "'")));
    }

    /** DeleteMetricFilter; 404 when there is no such filter (in that log group, unless null). */
    public void delete(final String name, final String logGroupName) {
        definitions.delete(DefinitionKind.METRIC_FILTER, existing(name, logGroupName).getName());
    }

    /** TestMetricFilter: which of the messages the pattern matches, and what it extracts from each. */
    public List<MetricFilterTester.TestMatch> test(final String filterPattern, final List<String> messages) {
        return MetricFilterTester.test(filterPattern, messages == null ? List.of() : messages);
    }
}
