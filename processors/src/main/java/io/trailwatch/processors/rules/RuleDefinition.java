package io.trailwatch.processors.rules;

import static io.trailwatch.processors.config.DefinitionShapes.ANY_OBJECT;
import static io.trailwatch.processors.config.DefinitionShapes.INTEGER;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.either;
import static io.trailwatch.processors.config.DefinitionShapes.listOf;
import static io.trailwatch.processors.config.DefinitionShapes.mapOf;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.processors.rules.schedule.RuleSchedule;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * An event rule, as EventBridge's PutRule takes it, with its targets (PutTargets): the Kafka topics that receive
 * each matching event, enveloped as EventBridge delivers it. A rule may have no target yet (PutRule makes one so).
 *
 * @param name         1 to 64 characters of {@code [.-_A-Za-z0-9]}
 * @param eventPattern EventBridge event pattern (JSON text; an object is accepted and kept as text)
 * @param targetTopic  the one target of the {@code /v1} API and of config files ({@code TargetTopic}), kept as
 *                     given so that rules written before rules had several targets read the same; null when the
 *                     rule's targets are {@code targets}
 * @param targets      the targets PutTargets added, at most {@value #MAX_TARGETS}
 * @param state        ENABLED (default) or DISABLED
 * @param description  free text, at most 512 characters
 * @param scheduleExpression {@code rate(...)} or {@code cron(...)}: a scheduled rule, whose targets get
 *                     EventBridge's "Scheduled Event" at each tick; null for a rule with an event pattern (one of
 *                     the two, not both)
 */
public record RuleDefinition(String name, @JsonDeserialize(using = PatternText.class) String eventPattern,
                             String targetTopic, List<RuleTarget> targets, State state, String description,
                             String scheduleExpression) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a rule (PutRule)",
        optional("Name", STRING),
        optional("EventPattern", either(STRING, ANY_OBJECT)),
        optional("ScheduleExpression", STRING),
        optional("TargetTopic", STRING),
        optional("Targets", listOf(object("a rule's target", optional("Id", STRING), optional("Topic", STRING),
            optional("NotificationTopic", STRING), optional("ApiDestination", STRING), optional("RoleArn", STRING),
            optional("RetryPolicy", object("a target's RetryPolicy", optional("MaximumRetryAttempts", INTEGER),
                optional("MaximumEventAgeInSeconds", INTEGER))),
            optional("DeadLetterTopic", STRING), optional("Input", STRING), optional("InputPath", STRING),
            optional("InputTransformer", object("a target's InputTransformer", optional("InputPathsMap",
                mapOf(STRING)), optional("InputTemplate", STRING)))))),
        optional("State", STRING),
        optional("Description", STRING));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<RuleDefinition> TYPE = DefinitionType.of(
        DefinitionKind.RULE, RuleDefinition.class, SHAPE, RuleDefinition::name,
        RuleDefinition::validate);

    public enum State { ENABLED, DISABLED }

    /** EventBridge's PutRule limit; its quota for the rule pattern size is lower by default (2,048). */
    public static final int MAX_PATTERN_LENGTH = 4096;
    /** EventBridge's limit of targets per rule. */
    public static final int MAX_TARGETS = 5;
    /** The id the {@code TargetTopic} of a rule has among its targets (ListTargetsByRule, RemoveTargets). */
    public static final String TARGET_TOPIC_ID = "TargetTopic";
    private static final Pattern NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    public RuleDefinition {
        state = state == null ? State.ENABLED : state;
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A rule with an event pattern. */
    public RuleDefinition(final String name, final String eventPattern, final String targetTopic,
                          final List<RuleTarget> targets, final State state, final String description) {
        this(name, eventPattern, targetTopic, targets, state, description, null);
    }

    /** Validates as PutRule and PutTargets do, the event pattern by the engine that will evaluate it. */
    public RuleDefinition validate() {
        if (name == null || name.isEmpty()) {
            throw new InvalidRecordException("Name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRecordException("Name", "must be 1 to 64 characters of letters, digits and . - _, was '"
                + name + "'");
        }
        if (scheduleExpression != null) {
            if (eventPattern != null) {
                throw new InvalidRecordException("ScheduleExpression", "a rule has an EventPattern or a "
                    + "ScheduleExpression, not both");
            }
            RuleSchedule.parse("ScheduleExpression", scheduleExpression);
        } else {
            requirePattern(eventPattern);
        }
        if (targetTopic != null) {
            RuleTarget.requireTopic("TargetTopic", targetTopic);
        }
        validateTargets();
        if (description != null && description.length() > 512) {
            throw new InvalidRecordException("Description", "at most 512 characters, got " + description.length());
        }
        return this;
    }

    private void validateTargets() {
        final List<RuleTarget> all = allTargets();
        if (all.size() > MAX_TARGETS) {
            throw new InvalidRecordException("Targets", "a rule has at most " + MAX_TARGETS + " targets, this one "
                + "would have " + all.size());
        }
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            final String field = "Targets." + (i + 1);
            targets.get(i).validate(field);
            if (!ids.add(targets.get(i).id()) || targetTopic != null && TARGET_TOPIC_ID.equals(targets.get(i).id())) {
                throw new InvalidRecordException(field + ".Id", "'" + targets.get(i).id() + "' is given twice");
            }
        }
    }

    /** Every target: the {@code TargetTopic} (as the target {@value #TARGET_TOPIC_ID}) and then {@code targets}. */
    public List<RuleTarget> allTargets() {
        if (targetTopic == null) {
            return targets;
        }
        final List<RuleTarget> all = new ArrayList<>(targets.size() + 1);
        all.add(new RuleTarget(TARGET_TOPIC_ID, targetTopic));
        all.addAll(targets);
        return all;
    }

    /** This rule with the targets of another (PutRule changes a rule but not its targets). */
    public RuleDefinition withTargetsOf(final RuleDefinition other) {
        return new RuleDefinition(name, eventPattern, other.targetTopic, other.targets, state, description,
            scheduleExpression);
    }

    /** This rule with other targets, all in {@code targets}. */
    public RuleDefinition withTargets(final List<RuleTarget> newTargets) {
        return new RuleDefinition(name, eventPattern, null, newTargets, state, description, scheduleExpression);
    }

    /** This rule with {@code added} targets, each replacing the target of its id if there is one (PutTargets). */
    public RuleDefinition plusTargets(final List<RuleTarget> added) {
        final Map<String, RuleTarget> byId = new LinkedHashMap<>();
        allTargets().forEach(target -> byId.put(target.id(), target));
        added.forEach(target -> byId.put(target.id(), target));
        return withTargets(List.copyOf(byId.values()));
    }

    /** This rule without the targets of these ids (RemoveTargets); itself when it has none of them. */
    public RuleDefinition minusTargets(final Set<String> ids) {
        final List<RuleTarget> kept = allTargets().stream().filter(target -> !ids.contains(target.id())).toList();
        return kept.size() == allTargets().size() ? this : withTargets(kept);
    }

    /** This rule in another state. */
    public RuleDefinition withState(final State newState) {
        return new RuleDefinition(name, eventPattern, targetTopic, targets, newState, description,
            scheduleExpression);
    }

    /** Whether it runs on a schedule rather than matching events. */
    public boolean scheduled() {
        return scheduleExpression != null;
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
