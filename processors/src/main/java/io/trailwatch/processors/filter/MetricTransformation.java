package io.trailwatch.processors.filter;

import static io.trailwatch.processors.config.DefinitionShapes.NUMBER;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.mapOf;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;

import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.metrics.MetricValues;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a matching event turns into, as in PutMetricFilter's metricTransformations.
 *
 * @param metricName      name of the emitted metric
 * @param metricNamespace namespace of the emitted metric
 * @param metricValue     a number, or a selector ({@code $.field} for JSON, {@code $name} for space-delimited)
 * @param defaultValue    value for periods without a match (nullable)
 * @param dimensions      up to 3 dimensions, each a selector into the event
 * @param unit            CloudWatch unit, None when absent
 */
public record MetricTransformation(String metricName, String metricNamespace, String metricValue,
                                   Double defaultValue, Map<String, String> dimensions, String unit) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a metric transformation",
        optional("MetricName", STRING),
        optional("MetricNamespace", STRING),
        optional("MetricValue", STRING),
        optional("DefaultValue", NUMBER),
        optional("Dimensions", mapOf(STRING)),
        optional("Unit", STRING));

    private static final int MAX_DIMENSIONS = 3;

    public MetricTransformation {
        dimensions = dimensions == null ? Map.of() : new TreeMap<>(dimensions);
        unit = unit == null ? "None" : unit;
    }

    public MetricTransformation validate(final String field) {
        requireLength(field + ".MetricName", metricName, 255);
        requireLength(field + ".MetricNamespace", metricNamespace, 255);
        requireLength(field + ".MetricValue", metricValue, 100);
        if (!metricValue.startsWith("$")) {
            MetricValues.textProblem(metricValue).ifPresent(problem -> {
                throw new InvalidRecordException(field + ".MetricValue", problem);
            });
        }
        if (defaultValue != null) {
            MetricValues.problem(defaultValue).ifPresent(problem -> {
                throw new InvalidRecordException(field + ".DefaultValue", problem);
            });
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new InvalidRecordException(field + ".Dimensions", "at most 3 dimensions, got " + dimensions.size());
        }
        if (defaultValue != null && !dimensions.isEmpty()) {
            throw new InvalidRecordException(field + ".DefaultValue", "cannot be set together with dimensions");
        }
        dimensions.forEach((name, selector) -> {
            if (selector == null || !selector.startsWith("$")) {
                throw new InvalidRecordException(field + ".Dimensions." + name,
                    "must be a selector such as $.field or $name");
            }
        });
        return this;
    }

    static void requireLength(final String field, final String value, final int max) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRecordException(field, "is required");
        }
        if (value.length() > max) {
            throw new InvalidRecordException(field, "at most " + max + " characters, got " + value.length());
        }
    }
}
