package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code { ... }} pattern: a condition on the message's JSON tree. */
final class JsonPattern implements CompiledPattern {

    private final Condition<JsonNode> condition;
    private final List<Selector> selectors;

    /** @param selectors the distinct selectors of the pattern, in order, whose values a match reports */
    JsonPattern(final Condition<JsonNode> condition, final List<Selector> selectors) {
        this.condition = condition;
        this.selectors = List.copyOf(selectors);
    }

    Condition<JsonNode> condition() {
        return condition;
    }

    @Override
    public PatternKind kind() {
        return PatternKind.JSON;
    }

    @Override
    public Optional<Match> match(final LogMessage message) {
        final JsonNode tree = message.tree();
        if (tree == null || !tree.isContainerNode() || !condition.test(tree)) {
            return Optional.empty();
        }
        final Map<String, String> extracted = new LinkedHashMap<>();
        for (final Selector selector : selectors) {
            selector.firstScalarText(tree).ifPresent(value -> extracted.put(selector.text(), value));
        }
        return Optional.of(new Match(extracted, tree));
    }
}
