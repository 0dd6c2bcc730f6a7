package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS CLI's {@code --metric-transformations}: JSON ({@code [{"metricName":...}]} or one object), or the
 * shorthand {@code metricName=N,metricNamespace=NS,metricValue=V,defaultValue=D,dimensions={K=V,K2=V2},unit=U}.
 */
final class MetricTransformationsArgument {

    private MetricTransformationsArgument() {
    }

    /** Throws IllegalArgumentException saying what is wrong with the argument. */
    static ArrayNode parse(final String argument) {
        final String text = argument.strip();
        if (text.startsWith("[") || text.startsWith("{")) {
            return json(text);
        }
        final ArrayNode list = DefinitionCommand.JSON.createArrayNode();
        list.add(shorthand(text));
        return list;
    }

    private static ArrayNode json(final String text) {
        final JsonNode node;
        try {
            node = DefinitionCommand.JSON.readTree(text);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node.isArray()) {
            return (ArrayNode) node;
        }
        return DefinitionCommand.JSON.createArrayNode().add(node);
    }

    private static ObjectNode shorthand(final String text) {
        final ObjectNode transformation = DefinitionCommand.JSON.createObjectNode();
        for (final String pair : topLevel(text, ',')) {
            final int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
            }
            final String key = pair.substring(0, equals).strip();
            final String value = pair.substring(equals + 1).strip();
            if ("dimensions".equals(key)) {
                transformation.set(key, dimensions(value));
            } else if ("defaultValue".equals(key)) {
                transformation.put(key, number(key, value));
            } else {
                transformation.put(key, value);
            }
        }
        return transformation;
    }

    private static ObjectNode dimensions(final String value) {
        if (!value.startsWith("{") || !value.endsWith("}")) {
            throw new IllegalArgumentException("dimensions must be {Name=$.field,...}, got '" + value + "'");
        }
        final ObjectNode dimensions = DefinitionCommand.JSON.createObjectNode();
        final String inner = value.substring(1, value.length() - 1).strip();
        if (inner.isEmpty()) {
            return dimensions;
        }
        for (final String pair : topLevel(inner, ',')) {
            final int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected a dimension Name=$.field, got '" + pair + "'");
            }
            dimensions.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return dimensions;
    }

    private static double number(final String key, final String value) {
        try {
            return Double.parseDouble(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
        }
    }

    /** Splits on the separator outside braces. */
    private static List<String> topLevel(final String text, final char separator) {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
