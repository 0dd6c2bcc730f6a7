package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The AWS CLI's two ways to give a structure: shorthand ({@code Name=InstanceId,Value=i-1}) or JSON
 * ({@code [{"Name":"InstanceId","Value":"i-1"}]}).
 */
public final class Shorthand {

    private Shorthand() {
    }

    /** Thrown with what to fix; the command reports it as a usage error. */
    public static final class InvalidException extends RuntimeException {
        InvalidException(final String message) {
            super(message);
        }
    }

    /** Whether the values are one JSON array, rather than one shorthand structure each. */
    public static boolean isJsonList(final List<String> values) {
        return values.size() == 1 && values.get(0).trim().startsWith("[");
    }

    /** A list of structures: one JSON array, or one shorthand structure per value. */
    public static ArrayNode structures(final String option, final List<String> values) {
        if (isJsonList(values)) {
            final JsonNode parsed = json(option, values.get(0));
            if (!parsed.isArray()) {
                throw new InvalidException(option + ": expected a JSON array");
            }
            return (ArrayNode) parsed;
        }
        final ArrayNode list = ApiCall.JSON.createArrayNode();
        values.forEach(value -> list.add(structure(option, value)));
        return list;
    }

    /** One structure: a JSON object, or {@code Key=value,Key=value} (a value may list items as {@code a,b}). */
    public static ObjectNode structure(final String option, final String value) {
        if (value.trim().startsWith("{")) {
            final JsonNode parsed = json(option, value);
            if (!parsed.isObject()) {
                throw new InvalidException(option + ": expected a JSON object");
            }
            return (ObjectNode) parsed;
        }
        final ObjectNode structure = ApiCall.JSON.createObjectNode();
        String key = null;
        for (final String part : value.split(",")) {
            final int equals = part.indexOf('=');
            if (equals > 0) {
                key = part.substring(0, equals).trim();
                structure.put(key, part.substring(equals + 1).trim());
            } else if (key != null) {
                // Continues a list value: AlarmNames=a,b
                final JsonNode previous = structure.get(key);
                final ArrayNode items = previous.isArray() ? (ArrayNode) previous
                    : ApiCall.JSON.createArrayNode().add(previous.asText());
                structure.set(key, items.add(part.trim()));
            } else {
                throw new InvalidException(option + ": expected Key=value,... or JSON, was '" + value + "'");
            }
        }
        return structure;
    }

    public static JsonNode json(final String option, final String text) {
        try {
            return ApiCall.JSON.readTree(text);
        } catch (final JsonProcessingException e) {
            throw new InvalidException(option + ": invalid JSON: " + e.getOriginalMessage());
        }
    }
}
