package io.trailwatch.processors.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Map;

/**
 * What PutMetricAlarm and PutCompositeAlarm fill in before an alarm's JSON is bound (its shape already checked):
 * the API's defaults (ActionsEnabled is true) and requirements (Threshold), which a plain mapping to primitives would
 * silently turn into false and 0; Dimensions are taken both as AWS's list of {Name, Value} and as a map.
 */
final class AlarmDefaults {

    private AlarmDefaults() {
    }

    /** A metric alarm as PutMetricAlarm takes it. */
    static void metricAlarm(final ObjectNode node) {
        if (Definitions.field(node, "Threshold") == null) {
            throw new InvalidRecordException("Threshold", "is required");
        }
        actionsEnabled(node);
        final Map.Entry<String, JsonNode> dimensions = Definitions.field(node, "Dimensions");
        if (dimensions != null && dimensions.getValue().isArray()) {
            node.set(dimensions.getKey(), dimensionMap(dimensions.getValue()));
        }
    }

    /** PutMetricAlarm and PutCompositeAlarm enable actions unless told otherwise. */
    static void actionsEnabled(final ObjectNode node) {
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
