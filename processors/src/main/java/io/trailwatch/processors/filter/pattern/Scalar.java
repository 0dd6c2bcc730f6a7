package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One value a condition looks at: a space-delimited field, or a JSON string, number or boolean. Its text is what
 * string and wildcard comparisons see; its number (parsed only when a numeric comparison asks) is what
 * {@code < > <= >=} and numeric {@code = !=} see. A JSON string holding a number ("400") compares as that number.
 */
final class Scalar {

    private final String text;
    private final JsonNode node;
    private BigDecimal number;
    private boolean numberResolved;

    private Scalar(final String text, final JsonNode node) {
        this.text = text;
        this.node = node;
    }

    static Scalar of(final String text) {
        return new Scalar(text, null);
    }

    /** Whether a JSON node is a value a condition can compare (AWS: selectors must point to value nodes). */
    static boolean isScalar(final JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }

    /** The scalar view of a node for which {@link #isScalar} holds. */
    static Scalar of(final JsonNode node) {
        return new Scalar(node.asText(), node);
    }

    String text() {
        return text;
    }

    /** The numeric value, or {@code null} when the value is not a number. */
    BigDecimal number() {
        if (!numberResolved) {
            number = node != null && node.isNumber() ? fromNumberNode(node) : Numbers.parse(text);
            numberResolved = true;
        }
        return number;
    }

    private static BigDecimal fromNumberNode(final JsonNode node) {
        // A caller-built tree may hold an infinite double, which has no BigDecimal value.
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return null;
        }
        return node.decimalValue();
    }
}
