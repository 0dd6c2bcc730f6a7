package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads log messages as JSON for JSON patterns; a message that is not a JSON object or array is simply not JSON. */
final class JsonMessages {

    // Trailing text after the JSON value means the message is not JSON, rather than JSON plus noise.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private JsonMessages() {
    }

    /** The message's tree, or {@code null} when it is not a JSON object or array (cheaply decided first). */
    static JsonNode parse(final String message) {
        if (!startsLikeJson(message)) {
            return null;
        }
        try {
            return MAPPER.readTree(message);
        } catch (final JsonProcessingException e) {
            // Covers malformed text and Jackson's stream limits (nesting depth, number and string length).
            return null;
        }
    }

    static boolean startsLikeJson(final String message) {
        for (int i = 0; i < message.length(); i++) {
            final char c = message.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }
}
