package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Derives from a JSON pattern's condition a set of values one field must hold for the condition to be true: an
 * equality with a literal requires that literal; a conjunction requires what any of its parts requires (the
 * intersection when several do); a disjunction requires the union of what its parts require, and nothing when one
 * part requires nothing. Anything else ({@code !=}, wildcards, numbers, other fields) requires nothing.
 */
final class RequiredValues {

    private RequiredValues() {
    }

    static Optional<Set<String>> of(final Condition<JsonNode> condition, final String selector) {
        if (condition instanceof Condition.All<JsonNode> all) {
            Set<String> required = null;
            for (final Condition<JsonNode> part : all.parts()) {
                final Optional<Set<String>> values = of(part, selector);
                if (values.isPresent()) {
                    required = required == null ? new HashSet<>(values.get()) : intersect(required, values.get());
                }
            }
            return Optional.ofNullable(required);
        }
        if (condition instanceof Condition.Any<JsonNode> any) {
            final Set<String> required = new HashSet<>();
            for (final Condition<JsonNode> part : any.parts()) {
                final Optional<Set<String>> values = of(part, selector);
                if (values.isEmpty()) {
                    return Optional.empty();
                }
                required.addAll(values.get());
            }
            return Optional.of(required);
        }
        if (condition instanceof JsonCondition.Compare compare && compare.selector().text().equals(selector)) {
            return compare.equalityLiteral().map(Set::of);
        }
        return Optional.empty();
    }

    private static Set<String> intersect(final Set<String> required, final Set<String> values) {
        required.retainAll(values);
        return required;
    }
}
