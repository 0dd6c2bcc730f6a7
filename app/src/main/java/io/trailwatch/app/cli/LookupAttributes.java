package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --lookup-attributes} as the AWS CLI takes it: shorthand {@code AttributeKey=EventName,AttributeValue=X}
 * (the value runs to the end, commas and all) or JSON ({@code [{"AttributeKey":"EventName","AttributeValue":"X"}]}).
 */
final class LookupAttributes {

    private static final String KEY = "AttributeKey=";
    private static final String VALUE = "AttributeValue=";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LookupAttributes() {
    }

    /** (AttributeKey, AttributeValue) pairs; an {@link IllegalArgumentException} says what is wrong. */
    static List<Map.Entry<String, String>> parse(final List<String> arguments) {
        final List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (final String argument : arguments) {
            final String text = argument.trim();
            if (text.startsWith("[") || text.startsWith("{")) {
                pairs.addAll(json(text));
            } else {
                pairs.add(shorthand(text));
            }
        }
        return pairs;
    }

    private static Map.Entry<String, String> shorthand(final String text) {
        if (text.startsWith(KEY)) {
            final int value = text.indexOf("," + VALUE);
            if (value > 0) {
                return Map.entry(text.substring(KEY.length(), value), text.substring(value + 1 + VALUE.length()));
            }
        } else if (text.startsWith(VALUE)) {
            final int key = text.lastIndexOf("," + KEY);
            if (key > 0) {
                return Map.entry(text.substring(key + 1 + KEY.length()), text.substring(VALUE.length(), key));
            }
        }
        throw new IllegalArgumentException("expected AttributeKey=KEY,AttributeValue=VALUE, got: " + text);
    }

    private static List<Map.Entry<String, String>> json(final String text) {
        final JsonNode document;
        try {
            document = JSON.readTree(text);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        final List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (final JsonNode attribute : document.isArray() ? document : JSON.createArrayNode().add(document)) {
            final JsonNode key = attribute.path("AttributeKey");
            final JsonNode value = attribute.path("AttributeValue");
            if (!key.isTextual() || !value.isTextual()) {
                throw new IllegalArgumentException("each attribute needs AttributeKey and AttributeValue strings: "
                    + attribute);
            }
            pairs.add(Map.entry(key.asText(), value.asText()));
        }
        return pairs;
    }
}
