package io.trailwatch.processors.filter.pattern;

import java.math.BigDecimal;

/** A comparison of one value against the right-hand side of a condition, built once at parse time. */
sealed interface ValueTest extends Condition<Scalar> permits ValueTest.Text, ValueTest.Numeric {

    /**
     * {@code = value}, {@code = "quoted*"}, {@code = %regex%} and their {@code !=} forms, on the value's text.
     * {@code !=} is the negation for a value that is present; an absent value never reaches a test.
     */
    record Text(TextMatcher matcher, boolean negated) implements ValueTest {

        @Override
        public boolean test(final Scalar value) {
            return matcher.matches(value.text()) != negated;
        }
    }

    /**
     * A comparison with a number literal. A value that is not a number fails every operator, {@code !=} included:
     * AWS's numeric filters only apply to numeric values.
     */
    record Numeric(ComparisonOperator operator, BigDecimal operand) implements ValueTest {

        @Override
        public boolean test(final Scalar value) {
            final BigDecimal number = value.number();
            return number != null && operator.holds(number.compareTo(operand));
        }
    }
}
