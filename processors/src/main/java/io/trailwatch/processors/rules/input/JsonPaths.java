package io.trailwatch.processors.rules.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath that EventBridge's InputPath and InputPathsMap take: {@code $} then dot-separated names (letters,
 * digits, dashes, underscores, slashes...), array indices {@code [n]} and the wildcard {@code *} (or {@code [*]}),
 * which makes the result a list of every match, as
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html lists. Bracket notation
 * for names is not taken, as EventBridge does not take it.
 */
public final class JsonPaths {

    /** EventBridge's limit on a path. */
    public static final int MAX_LENGTH = 256;
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]*]+|\\*)|\\[(\\d+|\\*)]");

    private JsonPaths() {
    }

    /** The path's steps (a name, an index as digits, or {@code *}); a refusal naming the field when it is not one. */
    public static List<String> steps(final String field, final String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
            throw new InvalidRecordException(field, "must be a JSON path of 1 to " + MAX_LENGTH + " characters");
        }
        if (!path.startsWith("$")) {
            throw new InvalidRecordException(field, "must be a JSON path starting with $, was '" + path + "'");
        }
        final List<String> steps = new ArrayList<>();
        final Matcher step = STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!step.find(at) || step.start() != at) {
                throw new InvalidRecordException(field, "is not a JSON path EventBridge takes (dot notation, "
                    + "[index], *): '" + path + "'");
            }
            steps.add(step.group(1) != null ? step.group(1) : step.group(2));
            at = step.end();
        }
        return steps;
    }

    /** The value the path selects in the event; null when it selects nothing. */
    public static JsonNode read(final JsonNode root, final String path) {
        List<JsonNode> current = List.of(root);
        boolean many = false;
        for (final String step : steps("path", path)) {
            final List<JsonNode> next = new ArrayList<>();
            for (final JsonNode node : current) {
                if ("*".equals(step)) {
                    node.elements().forEachRemaining(next::add);
                } else if (node.isArray() && step.chars().allMatch(Character::isDigit)) {
                    addIfPresent(next, node.get(Integer.parseInt(step)));
                } else if (node.isObject()) {
                    addIfPresent(next, node.get(step));
                }
            }
            many |= "*".equals(step);
            current = next;
        }
        if (many) {
            final ArrayNode all = JsonNodeFactory.instance.arrayNode();
            current.forEach(all::add);
            return all;
        }
        return current.isEmpty() ? null : current.get(0);
    }

    private static void addIfPresent(final List<JsonNode> nodes, final JsonNode node) {
        if (node != null) {
            nodes.add(node);
        }
    }
}
