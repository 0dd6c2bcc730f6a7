package io.trailwatch.processors.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.GenericMachine;

/**
 * The enabled rules compiled into one event-ruler machine, whose matching time does not grow with the number of
 * rules. Rebuilt only when the set of rules changes (a new list from {@code CompiledDefinitions}).
 */
final class RuleMachine {

    private static final Logger LOG = LoggerFactory.getLogger(RuleMachine.class);

    private List<CompiledRule> built;
    private GenericMachine<String> machine = new GenericMachine<>();
    private Map<String, CompiledRule> byName = Map.of();

    /** Whether any rule is enabled and usable; when none is, no event needs its envelope built. */
    boolean hasRules(final List<CompiledRule> current) {
        if (current != built) {
            rebuild(current);
        }
        return !byName.isEmpty();
    }

    /** The rules whose pattern the envelope matches, with EventBridge's array semantics. */
    List<CompiledRule> matches(final List<CompiledRule> current, final JsonNode envelope) {
        if (!hasRules(current)) {
            return List.of();
        }
        final List<String> names = machine.rulesForJSONEvent(envelope);
        final List<CompiledRule> matched = new ArrayList<>(names.size());
        names.forEach(name -> matched.add(byName.get(name)));
        return matched;
    }

    private void rebuild(final List<CompiledRule> current) {
        final GenericMachine<String> next = new GenericMachine<>();
        final Map<String, CompiledRule> names = new HashMap<>();
        for (final CompiledRule rule : current) {
            if (!rule.definition().enabled() || rule.definition().scheduled()) {
                continue;
            }
            try {
                next.addRule(rule.name(), rule.definition().eventPattern());
                names.put(rule.name(), rule);
            } catch (final IOException | RuntimeException e) {
                // Validated when defined; a pattern that still fails (written by another tool) is skipped, loudly.
                LOG.error("Skipping rule {}: the engine rejects its pattern: {}", rule.name(), e.getMessage());
            }
        }
        machine = next;
        byName = names;
        built = current;
    }
}
