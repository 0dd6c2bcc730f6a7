package io.trailwatch.app.alarms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import java.util.Iterator;
import java.util.Map;

/** JSON request bodies with AWS's field names, which, as the definitions, are matched ignoring case. */
final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBodies() {
    }

    static ObjectNode object(final String body) {
        final JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (final JsonProcessingException e) {
            throw new ApiErrors.BadRequest("(body)", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiErrors.BadRequest("(body)", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The field named so, ignoring case, or null. */
    static Map.Entry<String, JsonNode> field(final JsonNode node, final String name) {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    /** The text of the field, or null when absent or JSON null; a field of another type is a bad request. */
    static String text(final JsonNode node, final String name) {
        final Map.Entry<String, JsonNode> field = field(node, name);
        if (field == null || field.getValue().isNull()) {
            return null;
        }
        if (!field.getValue().isTextual()) {
            throw new ApiErrors.BadRequest(name, "must be a string");
        }
        return field.getValue().asText();
    }

    /**
     * Sets the name field from the path when the body has none; a body naming something else is a bad request.
     */
    static void nameFromPath(final ObjectNode body, final String field, final String pathName) {
        final String named = text(body, field);
        if (named == null) {
            body.put(field, pathName);
        } else if (!named.equals(pathName)) {
            throw new ApiErrors.BadRequest(field, "'" + named + "' does not match the name in the path, '" + pathName
                + "'");
        }
    }
}
