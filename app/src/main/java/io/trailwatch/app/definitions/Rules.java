package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.processors.rules.RuleTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Event rules, whichever API asks: the {@code /v1/rules} routes and EventBridge's operations. A rule is validated
 * as a definition (the same as a config file's), its target topics created, then written to the config topic.
 */
public final class Rules {

    private final DefinitionStore definitions;
    private final TargetTopics topics;

    public Rules(final DefinitionStore definitions, final TargetTopics topics) {
        this.definitions = definitions;
        this.topics = topics;
    }

    /**
     * Validates and writes a rule given in its definition's JSON; returns it as stored. Writes of this instance are
     * made one at a time, so that a change of a rule as it is ({@link #update}) does not undo another.
     */
    public synchronized RuleDefinition put(final JsonNode request) {
        final DefinitionEntry entry = RuleDefinition.TYPE.request(request);
        final RuleDefinition rule = RuleDefinition.TYPE.fromJson(entry.definitionJson());
        rule.allTargets().stream().flatMap(RuleTarget::kafkaTopics).distinct().forEach(topics::ensure);
        definitions.put(entry);
        return rule;
    }

    /** Writes a rule, keeping the targets of the rule of its name if there is one (EventBridge's PutRule). */
    public synchronized RuleDefinition putKeepingTargets(final RuleDefinition rule) {
        return put(find(rule.name()).map(rule::withTargetsOf).orElse(rule));
    }

    /** Changes a rule as it is now (its targets, its state); writes nothing when the change changes nothing. */
    public synchronized RuleDefinition update(final String name, final UnaryOperator<RuleDefinition> change) {
        final RuleDefinition current = existing(name);
        final RuleDefinition changed = change.apply(current);
        return changed.equals(current) ? current : put(changed);
    }

    private RuleDefinition put(final RuleDefinition rule) {
        return put(Definitions.MAPPER.valueToTree(rule));
    }

    public Optional<RuleDefinition> find(final String name) {
        return definitions.get(DefinitionKind.RULE, name).map(RuleJson::definition);
    }

    public RuleDefinition existing(final String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /** The rules whose name starts with {@code prefix} (every rule when null), by name. */
    public List<RuleDefinition> list(final String prefix) {
        return definitions.list(DefinitionKind.RULE).stream()
            .filter(entry -> prefix == null || entry.getName().startsWith(prefix))
            .map(RuleJson::definition)
            .toList();
    }

    /**
     * Deletes a rule; unless {@code force}, only one without targets, as EventBridge's DeleteRule (the
     * {@code /v1} API deletes a rule with its one target).
     */
    public synchronized void delete(final String name, final boolean force) {
        final RuleDefinition rule = existing(name);
        if (!force && !rule.allTargets().isEmpty()) {
            throw new ApiErrors.BadRequest("Name", "Rule can't be deleted since it has targets.");
        }
        if (!definitions.delete(DefinitionKind.RULE, name)) {
            throw notFound(name);
        }
    }

    static ApiErrors.NotFound notFound(final String name) {
        return new ApiErrors.NotFound("Rule " + name + " does not exist on EventBus default.");
    }
}
