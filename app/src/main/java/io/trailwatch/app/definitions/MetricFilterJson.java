package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.filter.MetricFilterDefinition;
import io.trailwatch.processors.filter.MetricFilterTester;
import io.trailwatch.processors.filter.MetricTransformation;
import java.util.List;

/** Metric filters in the JSON of CloudWatch Logs' API (DescribeMetricFilters, TestMetricFilter): camelCase. */
public final class MetricFilterJson {

    private MetricFilterJson() {
    }

    public static MetricFilterDefinition definition(final ConfigEntry entry) {
        return MetricFilterDefinition.TYPE.fromJson(entry.getDefinition());
    }

    /** One element of DescribeMetricFilters' metricFilters; creationTime is when it was last put. */
    public static ObjectNode describe(final ConfigEntry entry) {
        final MetricFilterDefinition filter = definition(entry);
        final ObjectNode node = Definitions.MAPPER.createObjectNode();
        node.put("filterName", filter.filterName());
        node.put("filterPattern", filter.filterPattern());
        final var transformations = node.putArray("metricTransformations");
        for (final MetricTransformation transformation : filter.metricTransformations()) {
            final ObjectNode item = transformations.addObject();
            item.put("metricName", transformation.metricName());
            item.put("metricNamespace", transformation.metricNamespace());
            item.put("metricValue", transformation.metricValue());
            if (transformation.defaultValue() != null) {
                item.put("defaultValue", transformation.defaultValue());
            }
            if (!transformation.dimensions().isEmpty()) {
                final ObjectNode dimensions = item.putObject("dimensions");
                transformation.dimensions().forEach(dimensions::put);
            }
            item.put("unit", transformation.unit());
        }
        node.put("creationTime", entry.getUpdatedAt().toEpochMilli());
        node.put("logGroupName", filter.logGroupName());
        return node;
    }

    /** TestMetricFilter's response: {"matches":[{"eventNumber","eventMessage","extractedValues"}]}. */
    public static ObjectNode testResult(final List<MetricFilterTester.TestMatch> matches) {
        final ObjectNode node = Definitions.MAPPER.createObjectNode();
        final var array = node.putArray("matches");
        for (final MetricFilterTester.TestMatch match : matches) {
            final ObjectNode item = array.addObject();
            item.put("eventNumber", match.eventNumber());
            item.put("eventMessage", match.eventMessage());
            final ObjectNode values = item.putObject("extractedValues");
            match.extractedValues().forEach(values::put);
        }
        return node;
    }
}
