package io.trailwatch.processors.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Map;

/**
 * Reads a metric alarm as PutMetricAlarm takes it. Fills in what the API defaults (ActionsEnabled is true) and
 * requires what it requires (Threshold), which a plain mapping to primitives would silently turn into false and 0;
 * accepts Dimensions both as AWS's list of {Name, Value} and as a map. Types are checked first, without coercion
 * ({@link DefinitionShapes#METRIC_ALARM}).
 */
public final class MetricAlarmJson {

    private MetricAlarmJson() {
    }

    public static MetricAlarmDefinition read(final JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidRecordException("(definition)", "must be an object of PutMetricAlarm's fields");
        }
        DefinitionShapes.METRIC_ALARM.check(json);
        final ObjectNode node = json.deepCopy();
        if (Definitions.field(node, "Threshold") == null) {
            throw new InvalidRecordException("Threshold", "is required");
        }
        defaultActionsEnabled(node);
        final Map.Entry<String, JsonNode> dimensions = Definitions.field(node, "Dimensions");
        if (dimensions != null && dimensions.getValue().isArray()) {
            node.set(dimensions.getKey(), dimensionMap(dimensions.getValue()));
        }
        return Definitions.fromTree(node, MetricAlarmDefinition.class);
    }

    /** PutMetricAlarm and PutCompositeAlarm enable actions unless told otherwise. */
    static void defaultActionsEnabled(final ObjectNode node) {
        if (Definitions.field(node, "ActionsEnabled") == null) {
            node.put("ActionsEnabled", true);
        }
    }

    private static ObjectNode dimensionMap(final JsonNode list) {
        final ObjectNode map = Definitions.MAPPER.createObjectNode();
        for (int i = 0; i < list.size(); i++) {
            final Map.Entry<String, JsonNode> name = Definitions.field(list.get(i), "Name");
            final Map.Entry<String, JsonNode> value = Definitions.field(list.get(i), "Value");
            if (name == null || value == null || !name.getValue().isTextual() || !value.getValue().isTextual()) {
                throw new InvalidRecordException("Dimensions[" + i + "]", "must have a Name and a Value");
            }
            if (map.has(name.getValue().textValue())) {
                throw new InvalidRecordException("Dimensions[" + i + "].Name", "dimension '"
                    + name.getValue().textValue() + "' is given twice");
            }
            map.put(name.getValue().textValue(), value.getValue().textValue());
        }
        return map;
    }
}
