package io.trailwatch.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.config.Definitions;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON request bodies of every API that takes one (definitions, alarms, mute rules, SetAlarmState). Their field
 * names are AWS's and, as in the definitions, matched ignoring case.
 */
public final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBodies() {
    }

    /** The body as an object; an empty body is an empty object, so that validation names what is missing. */
    public static ObjectNode object(final String body) {
        final JsonNode node;
        try {
            node = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (final JsonProcessingException e) {
            throw new ApiErrors.BadRequest("(body)", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new ApiErrors.BadRequest("(body)", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The text of the field, or null when absent or JSON null; a field of another type is a bad request. */
    public static String text(final JsonNode node, final String name) {
        final Map.Entry<String, JsonNode> field = Definitions.field(node, name);
        if (field == null || field.getValue().isNull()) {
            return null;
        }
        if (!field.getValue().isTextual()) {
            throw new ApiErrors.BadRequest(name, "must be a string");
        }
        return field.getValue().asText();
    }

    /** Sets the name field from the path: a body may omit it, but may not name something else. */
    public static ObjectNode withName(final ObjectNode body, final String field, final String pathName) {
        final Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(field)) {
                if (!pathName.equals(entry.getValue().asText())) {
                    throw new ApiErrors.BadRequest(field, "'" + entry.getValue().asText()
                        + "' differs from the name in the path, '" + pathName + "'");
                }
                fields.remove();
            }
        }
        body.put(field, pathName);
        return body;
    }
}
