package io.trailwatch.processors.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;

/** Reads a composite alarm as PutCompositeAlarm takes it, with its defaults (ActionsEnabled is true). */
public final class CompositeAlarmJson {

    private CompositeAlarmJson() {
    }

    public static CompositeAlarmDefinition read(final JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidRecordException("(definition)", "must be an object of PutCompositeAlarm's fields");
        }
        DefinitionShapes.COMPOSITE_ALARM.check(json);
        final ObjectNode node = json.deepCopy();
        MetricAlarmJson.defaultActionsEnabled(node);
        return Definitions.fromTree(node, CompositeAlarmDefinition.class);
    }
}
