package io.trailwatch.processors.logs.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/** Query values as JSON between instances, keeping their types: text, numbers, and times as {@code {"t": ms}}. */
final class ValueJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ValueJson() {
    }

    static JsonNode write(final Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value instanceof Double d) {
            return JsonNodeFactory.instance.numberNode(d);
        }
        if (value instanceof Timestamp t) {
            return JsonNodeFactory.instance.objectNode().put("t", t.millis());
        }
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        return JsonNodeFactory.instance.textNode(value.toString());
    }

    static Object read(final JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isObject()) {
            return new Timestamp(node.path("t").asLong());
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
