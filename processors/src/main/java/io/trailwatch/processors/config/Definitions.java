package io.trailwatch.processors.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON form of definitions. Written with AWS's PascalCase names (as PutMetricAlarm and PutMetricFilter take
 * them), read case-insensitively so that AWS CLI JSON and camelCase YAML are both accepted.
 *
 * <p>Read strictly: every definition is checked against its {@link DefinitionType#shape() shape} before it is bound, so
 * that no value is coerced (a number is not read as a string, nor 1.5 as an integer, nor null as 0 or false) and a
 * field that is not the definition's is rejected; JSON text with a duplicate key or anything after the value is
 * rejected too.
 */
public final class Definitions {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // The shapes already require JSON strings for enums; this keeps "1" from being read as the second constant.
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private Definitions() {
    }

    public static String toJson(final Object definition) {
        try {
            return MAPPER.writeValueAsString(definition);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("definition cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Binds checked JSON to its record, turning Jackson's errors into one that names the field. Only through
     * {@link DefinitionType}, which checks the shape first.
     */
    static <T> T bind(final JsonNode tree, final Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (final JsonMappingException e) {
            throw new InvalidRecordException(path(e), e.getOriginalMessage());
        } catch (final JsonProcessingException e) {
            throw new InvalidRecordException("(definition)", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses definition JSON text, or throws naming the problem. */
    public static JsonNode tree(final String json) {
        try {
            return MAPPER.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new InvalidRecordException("(definition)", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String path(final JsonMappingException e) {
        final String path = e.getPath().stream()
            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(definition)" : path;
    }

    /** The field whose name equals the given one ignoring case, as definitions are read; null when there is none. */
    public static Map.Entry<String, JsonNode> field(final JsonNode node, final String name) {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }
}
