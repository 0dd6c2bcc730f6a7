package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A leaf of a JSON pattern: one selector and what must hold for it. Each leaf is also the {@link Selector.NodeTest}
 * it hands to the selector, so evaluating a leaf allocates nothing beyond the compared value.
 */
sealed interface JsonCondition extends Condition<JsonNode>, Selector.NodeTest
    permits JsonCondition.Compare, JsonCondition.IsNull, JsonCondition.IsBoolean, JsonCondition.NotExists {

    Selector selector();

    @Override
    default boolean test(final JsonNode root) {
        return selector().anyMatch(root, this);
    }

    /**
     * {@code $.x op value}. Only strings, numbers and booleans compare: a selector that reaches an object, an
     * array or null fails every operator, and a missing field fails {@code !=} too (AWS documents both
     * {@code {$.users = 1}} and {@code {$.users != 1}} as not matching an array; TestMetricFilter does not match
     * {@code !=} on an absent field, see DataBiosphere/azul#5884). Absence is what {@code NOT EXISTS} is for.
     */
    record Compare(Selector selector, ValueTest value) implements JsonCondition {

        @Override
        public boolean accepts(final JsonNode node) {
            return Scalar.isScalar(node) && value.test(Scalar.of(node));
        }

        /** The text the value must equal, when this is an equality with a plain literal ({@code $.x = "a"}). */
        Optional<String> equalityLiteral() {
            return value instanceof ValueTest.Text text && !text.negated() && text.matcher() instanceof Wildcard wildcard
                ? wildcard.literal() : Optional.empty();
        }
    }

    /** {@code $.x IS NULL}: the field is present with the JSON value {@code null}. */
    record IsNull(Selector selector) implements JsonCondition {

        @Override
        public boolean accepts(final JsonNode node) {
            return node.isNull();
        }
    }

    /** {@code $.x IS TRUE} / {@code IS FALSE}: the field is the JSON boolean, not the string "true". */
    record IsBoolean(Selector selector, boolean expected) implements JsonCondition {

        @Override
        public boolean accepts(final JsonNode node) {
            return node.isBoolean() && node.booleanValue() == expected;
        }
    }

    /** {@code $.x NOT EXISTS}: the selector selects nothing; a present {@code null} exists. */
    record NotExists(Selector selector) implements JsonCondition {

        @Override
        public boolean test(final JsonNode root) {
            return !selector.anyMatch(root, this);
        }

        @Override
        public boolean accepts(final JsonNode node) {
            return true;
        }
    }
}
