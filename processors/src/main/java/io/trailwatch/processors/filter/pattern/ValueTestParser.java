package io.trailwatch.processors.filter.pattern;

import java.math.BigDecimal;

/**
 * Reads the right-hand side of a comparison, shared by JSON and space-delimited conditions: a number, an
 * unquoted or quoted string (both may use {@code *} wildcards, as in {@code "*UnauthorizedOperation"} and
 * {@code 123.123.*}), or a {@code %regex%}.
 */
final class ValueTestParser {

    private ValueTestParser() {
    }

    /** Parses the value after {@code operatorToken}, consuming it from {@code lexer}. */
    static ValueTest parse(final Token operatorToken, final Lexer lexer, final PatternBudget budget) {
        final ComparisonOperator operator = ComparisonOperator.fromSymbol(operatorToken.text()).orElseThrow();
        final Token value = lexer.next();
        final boolean negated = operator == ComparisonOperator.NOT_EQUAL;
        switch (value.kind()) {
            case WORD -> {
                if (Numbers.isNumber(value.text())) {
                    return new ValueTest.Numeric(operator, number(value));
                }
                requireEquality(operator, value);
                return new ValueTest.Text(Wildcard.of(value.text()), negated);
            }
            case STRING -> {
                requireEquality(operator, value);
                return new ValueTest.Text(Wildcard.of(value.text()), negated);
            }
            case REGEX -> {
                requireEquality(operator, value);
                return new ValueTest.Text(AwsRegex.compile(value.text(), value.start(), budget), negated);
            }
            default -> throw new FilterPatternException(value.start(),
                "expected a value after '" + operator.symbol() + "', found " + value.describe());
        }
    }

    private static BigDecimal number(final Token value) {
        final BigDecimal number = Numbers.parse(value.text());
        if (number == null) {
            throw new FilterPatternException(value.start(), "number " + value.text() + " is out of range");
        }
        return number;
    }

    private static void requireEquality(final ComparisonOperator operator, final Token value) {
        if (!operator.isEquality()) {
            throw new FilterPatternException(value.start(), "operator '" + operator.symbol()
                + "' compares numbers, but " + value.describe() + " is not a number; strings, wildcards and "
                + "regular expressions only take '=' or '!='");
        }
    }
}
