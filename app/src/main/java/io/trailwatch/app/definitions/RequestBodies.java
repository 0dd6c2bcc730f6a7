package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.processors.config.Definitions;
import java.util.Iterator;
import java.util.Map;

/** Reading definition request bodies, whose field names (as in AWS's APIs) are matched ignoring case. */
final class RequestBodies {

    private RequestBodies() {
    }

    static ObjectNode object(final String body) {
        final JsonNode node = body == null || body.isBlank() ? Definitions.MAPPER.createObjectNode()
            : Definitions.tree(body);
        if (!node.isObject()) {
            throw new ApiErrors.BadRequest("(body)", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Sets the name field from the path: a body may omit it, but may not name something else.
     */
    static ObjectNode withName(final ObjectNode body, final String field, final String pathName) {
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
