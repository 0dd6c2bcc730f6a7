package io.trailwatch.app.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.config.Definitions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON request bodies of every API that takes one (definitions, alarms, mute rules, SetAlarmState, TestMetricFilter).
 * Their field names are AWS's and, as in the definitions, matched ignoring case. Read strictly: one JSON value and
 * nothing after it, no key given twice; each route then checks the body's fields and their JSON types (see
 * {@link DefinitionShapes}), so that nothing is coerced and no unknown field is ignored.
 */
public final class RequestBodies {

    /** The body's field name in errors about the body as a whole. */
    public static final String BODY = "(body)";

    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    private RequestBodies() {
    }

    /** The body as an object; an empty body is an empty object, so that validation names what is missing. */
    public static ObjectNode object(final String body) {
        final JsonNode node = body == null || body.isBlank() ? JSON.createObjectNode() : parse(BODY, body);
        if (!node.isObject()) {
            throw new ApiErrors.BadRequest(BODY, "must be a JSON object, was " + DefinitionShapes.describe(node));
        }
        return (ObjectNode) node;
    }

    /**
     * A body checked against its fields: any other field, a field given twice (in different cases), or a value of
     * another JSON type is a 400 naming the field.
     */
    public static ObjectNode object(final String body, final DefinitionShapes.Shape shape) {
        final ObjectNode node = object(body);
        shape.check(node);
        return node;
    }

    /**
     * JSON text strictly parsed (a request body, or JSON carried in a string field such as StateReasonData): a
     * duplicate key or anything after the value is a 400 naming {@code field} (or, for a duplicate, the key).
     */
    public static JsonNode parse(final String field, final String text) {
        try {
            return JSON.readTree(text);
        } catch (final JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new ApiErrors.BadRequest(duplicated(field, e), "is given twice; give each field once");
            }
            throw new ApiErrors.BadRequest(field, "is not valid JSON: " + e.getOriginalMessage());
        } catch (final MismatchedInputException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                // FAIL_ON_TRAILING_TOKENS: the value parsed, but more follows it.
                throw new ApiErrors.BadRequest(field, "must be a single JSON value with nothing after it: "
                    + e.getOriginalMessage());
            }
            throw new ApiErrors.BadRequest(field, "is not valid JSON: " + e.getOriginalMessage());
        } catch (final JsonProcessingException e) {
            throw new ApiErrors.BadRequest(field, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The text of the field, or null when absent or JSON null; a field of another type is a bad request. */
    public static String text(final JsonNode node, final String name) {
        final Map.Entry<String, JsonNode> field = Definitions.field(node, name);
        if (field == null || field.getValue().isNull()) {
            return null;
        }
        if (!field.getValue().isTextual()) {
            throw new ApiErrors.BadRequest(field.getKey(), "must be a string, was "
                + DefinitionShapes.describe(field.getValue()));
        }
        return field.getValue().textValue();
    }

    /** The strings of a list field, or null when absent or JSON null; anything but an array of strings is a 400. */
    public static List<String> strings(final JsonNode node, final String name) {
        final Map.Entry<String, JsonNode> field = Definitions.field(node, name);
        if (field == null || field.getValue().isNull()) {
            return null;
        }
        if (!field.getValue().isArray()) {
            throw new ApiErrors.BadRequest(field.getKey(), "must be a list of strings, was "
                + DefinitionShapes.describe(field.getValue()));
        }
        final List<String> values = new ArrayList<>();
        for (int i = 0; i < field.getValue().size(); i++) {
            final JsonNode value = field.getValue().get(i);
            if (!value.isTextual()) {
                throw new ApiErrors.BadRequest(field.getKey() + "[" + i + "]", "must be a string, was "
                    + DefinitionShapes.describe(value));
            }
            values.add(value.textValue());
        }
        return values;
    }

    /**
     * Sets the name field from the path: a body may omit it, but may not name something else, give it as anything
     * but a string, or give it twice.
     */
    public static ObjectNode withName(final ObjectNode body, final String field, final String pathName) {
        final Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        String given = null;
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(field)) {
                if (given != null) {
                    throw new ApiErrors.BadRequest(entry.getKey(), "is given twice, as '" + given + "' and '"
                        + entry.getKey() + "' (field names are matched ignoring case)");
                }
                given = entry.getKey();
                if (!entry.getValue().isTextual()) {
                    throw new ApiErrors.BadRequest(entry.getKey(), "must be a string, was "
                        + DefinitionShapes.describe(entry.getValue()));
                }
                if (!pathName.equals(entry.getValue().textValue())) {
                    throw new ApiErrors.BadRequest(field, "'" + entry.getValue().textValue()
                        + "' differs from the name in the path, '" + pathName + "'");
                }
                fields.remove();
            }
        }
        body.put(field, pathName);
        return body;
    }

    /** The duplicated key as a path from the body's root ({@code Rule.Schedule.Expression}), else {@code field}. */
    private static String duplicated(final String field, final JsonParseException e) {
        final JsonParser parser = e.getProcessor();
        if (parser == null) {
            return field;
        }
        final List<String> parts = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.add(0, context.getCurrentName());
            } else if (context.inArray()) {
                parts.add(0, "[" + context.getCurrentIndex() + "]");
            }
        }
        if (parts.isEmpty()) {
            return field;
        }
        final String path = String.join(".", parts).replace(".[", "[");
        return BODY.equals(field) ? path : field + "." + path;
    }
}
