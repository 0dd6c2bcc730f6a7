package io.trailwatch.processors.rules.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A target's InputTransformer, with EventBridge's semantics
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html and the API reference's
 * InputTransformer): each variable of {@code inputPathsMap} is a JSON path into the event; {@code <name>} in the
 * template is replaced by its value. A template that starts with {@code {}, {@code [} or {@code "} is JSON: a
 * placeholder outside a string is replaced by the value as JSON (a string in quotes, {@code null} when the path
 * selects nothing), one inside a string by the value's text, escaped so that the output stays JSON; a placeholder
 * cannot be an object key. Any other template is text, and takes each value's text as is (a string without quotes,
 * anything else as JSON, nothing for a missing value). The predefined variables {@code aws.events.rule-arn},
 * {@code aws.events.rule-name}, {@code aws.events.event.ingestion-time}, {@code aws.events.event} (the event without
 * its detail) and {@code aws.events.event.json} (the whole event) need no path. A {@code <} that does not start the
 * placeholder of a variable is kept as it is.
 *
 * @param inputPathsMap variable name to JSON path: at most 100, names of letters, digits, {@code _} and {@code -}
 * @param inputTemplate 1 to 8,192 characters
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    /** EventBridge's limits. */
    public static final int MAX_VARIABLES = 100;
    public static final int MAX_TEMPLATE = 8192;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a rule's target knows besides the event: the predefined variables' values. */
    public record Context(String ruleName, String ruleArn, String ingestionTime) {
    }

    public InputTransformer {
        inputPathsMap = inputPathsMap == null ? Map.of() : new LinkedHashMap<>(inputPathsMap);
    }

    /** Validates as PutTargets does; {@code field} names the target's InputTransformer in errors. */
    public InputTransformer validate(final String field) {
        if (inputTemplate == null || inputTemplate.isEmpty() || inputTemplate.length() > MAX_TEMPLATE) {
            throw new InvalidRecordException(field + ".InputTemplate", "must be 1 to " + MAX_TEMPLATE
                + " characters");
        }
        if (inputPathsMap.size() > MAX_VARIABLES) {
            throw new InvalidRecordException(field + ".InputPathsMap", "has at most " + MAX_VARIABLES
                + " entries, had " + inputPathsMap.size());
        }
        inputPathsMap.forEach((name, path) -> {
            if (!NAME.matcher(name).matches()) {
                throw new InvalidRecordException(field + ".InputPathsMap", "key '" + name + "' must be letters, "
                    + "digits, _ and - (names starting with aws. are reserved)");
            }
            JsonPaths.steps(field + ".InputPathsMap." + name, path);
        });
        if (json()) {
            // Every variable as null outside strings and as text inside them: what remains must parse.
            final String sample = render(name -> known(name) ? Value.SAMPLE : null);
            try {
                JSON.readTree(sample);
            } catch (final JsonProcessingException e) {
                throw new InvalidRecordException(field + ".InputTemplate", "is not valid JSON once its "
                    + "placeholders are filled (a placeholder cannot be an object key): "
                    + e.getOriginalMessage());
            }
        }
        return this;
    }

    /** The target's input for this event. */
    public String apply(final JsonNode event, final Context context) {
        final Map<String, JsonNode> values = new HashMap<>();
        inputPathsMap.forEach((name, path) -> values.put(name, JsonPaths.read(event, path)));
        final JsonNode withoutDetail = event.deepCopy();
        if (withoutDetail.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) withoutDetail).remove("detail");
        }
        values.put("aws.events.rule-arn", JSON.getNodeFactory().textNode(context.ruleArn()));
        values.put("aws.events.rule-name", JSON.getNodeFactory().textNode(context.ruleName()));
        values.put("aws.events.event.ingestion-time", JSON.getNodeFactory().textNode(context.ingestionTime()));
        values.put("aws.events.event", withoutDetail);
        values.put("aws.events.event.json", event);
        return render(name -> values.containsKey(name) && known(name) ? new Value(values.get(name)) : null);
    }

    private boolean known(final String name) {
        return inputPathsMap.containsKey(name) || name.startsWith("aws.events.");
    }

    private boolean json() {
        final String start = inputTemplate.stripLeading();
        return start.startsWith("{") || start.startsWith("[") || start.startsWith("\"");
    }

    /** A variable's value; {@link #SAMPLE} stands for any value when the template is checked. */
    private record Value(JsonNode node) {
        static final Value SAMPLE = new Value(null);

        String asJson() {
            return node == null || node.isMissingNode() ? "null" : node.toString();
        }

        String asText() {
            return node == null || node.isMissingNode() || node.isNull() ? "" : node.isTextual() ? node.textValue()
                : node.toString();
        }
    }

    /** The template with each placeholder whose variable {@code values} knows replaced; others kept. */
    private String render(final Function<String, Value> values) {
        final boolean json = json();
        final StringBuilder out = new StringBuilder(inputTemplate.length());
        boolean inString = false;
        int i = 0;
        while (i < inputTemplate.length()) {
            final char c = inputTemplate.charAt(i);
            if (c == '<') {
                final java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(inputTemplate).region(i,
                    inputTemplate.length());
                if (placeholder.lookingAt()) {
                    final Value value = values.apply(placeholder.group(1));
                    if (value != null) {
                        out.append(!json ? value.asText() : inString
                            ? new String(JsonStringEncoder.getInstance().quoteAsString(value.asText()))
                            : value.asJson());
                        i = placeholder.end();
                        continue;
                    }
                }
            }
            if (json && c == '"') {
                inString = !inString;
            } else if (json && inString && c == '\\' && i + 1 < inputTemplate.length()) {
                out.append(c).append(inputTemplate.charAt(i + 1));
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
