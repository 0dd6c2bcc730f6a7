package io.trailwatch.processors.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.IOException;
import java.util.regex.Pattern;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * An event rule, as EventBridge's PutRule takes it, with its one target: the Kafka topic that receives each
 * matching event, enveloped as EventBridge delivers it.
 *
 * @param name         1 to 64 characters of {@code [.-_A-Za-z0-9]}
 * @param eventPattern EventBridge event pattern (JSON text; an object is accepted and kept as text)
 * @param targetTopic  the Kafka topic matches go to
 * @param state        ENABLED (default) or DISABLED
 * @param description  free text, at most 512 characters
 */
public record RuleDefinition(String name, @JsonDeserialize(using = PatternText.class) String eventPattern,
                             String targetTopic, State state, String description) {

    public enum State { ENABLED, DISABLED }

    /** EventBridge's PutRule limit; its quota for the rule pattern size is lower by default (2,048). */
    public static final int MAX_PATTERN_LENGTH = 4096;
    private static final Pattern NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public RuleDefinition {
        state = state == null ? State.ENABLED : state;
    }

    /** Validates as PutRule does, the event pattern by the engine that will evaluate it. */
    public RuleDefinition validate() {
        if (name == null || name.isEmpty()) {
            throw new InvalidRecordException("Name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRecordException("Name", "must be 1 to 64 characters of letters, digits and . - _, was '"
                + name + "'");
        }
        requirePattern(eventPattern);
        if (targetTopic == null || targetTopic.isEmpty()) {
            throw new InvalidRecordException("TargetTopic", "is required");
        }
        if (!TOPIC.matcher(targetTopic).matches() || ".".equals(targetTopic) || "..".equals(targetTopic)) {
            throw new InvalidRecordException("TargetTopic", "is not a legal Kafka topic name (1 to 249 characters of "
                + "letters, digits and . _ -): '" + targetTopic + "'");
        }
        if (reserved(targetTopic)) {
            throw new InvalidRecordException("TargetTopic", "'" + targetTopic + "' is Trailwatch's or Kafka's own "
                + "topic (names starting with 'trailwatch.', '_' or '__'): a rule may not write to it, since forged "
                + "records there would reach the alarms, the notifier or the archive");
        }
        if (description != null && description.length() > 512) {
            throw new InvalidRecordException("Description", "at most 512 characters, got " + description.length());
        }
        return this;
    }

    /**
     * Whether a topic belongs to Trailwatch (its audit trail, alarms, config, identities...) or to Kafka and its
     * tools (__consumer_offsets, __transaction_state, _schemas, Connect's internal topics start with an underscore
     * by convention in Trailwatch's stack): no rule may deliver into those.
     */
    public static boolean reserved(final String topic) {
        return topic.startsWith("trailwatch.") || topic.startsWith("_");
    }

    public boolean enabled() {
        return state == State.ENABLED;
    }

    /** Throws with the engine's reason when event-ruler rejects the pattern. */
    static void requirePattern(final String eventPattern) {
        if (eventPattern == null || eventPattern.isBlank()) {
            throw new InvalidRecordException("EventPattern", "is required");
        }
        if (eventPattern.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidRecordException("EventPattern", "at most " + MAX_PATTERN_LENGTH + " characters, got "
                + eventPattern.length());
        }
        final String error = JsonRuleCompiler.check(eventPattern);
        if (error != null) {
            throw new InvalidRecordException("EventPattern", "InvalidEventPatternException: "
                + error.replaceAll("\\s*\\R\\s*", "; "));
        }
    }

    /** Reads the pattern from JSON text or from an embedded JSON object (YAML files write it as a mapping). */
    static final class PatternText extends JsonDeserializer<String> {
        @Override
        public String deserialize(final JsonParser parser, final DeserializationContext context) throws IOException {
            // The context's reader, not the parser's codec: that one would take the rest of the definition for
            // trailing tokens.
            final JsonNode node = context.readTree(parser);
            return node.isTextual() ? node.textValue() : node.toString();
        }
    }
}
