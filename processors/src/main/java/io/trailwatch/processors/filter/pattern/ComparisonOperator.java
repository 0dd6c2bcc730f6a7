package io.trailwatch.processors.filter.pattern;

import java.util.Optional;

/** The six comparison operators of JSON and space-delimited conditions. */
enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(final String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Only {@code =} and {@code !=} apply to strings, wildcards and regexes. */
    boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    /** Whether a {@link Comparable#compareTo} result satisfies this operator. */
    boolean holds(final int comparison) {
        return switch (this) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS -> comparison < 0;
            case GREATER -> comparison > 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
        };
    }

    static Optional<ComparisonOperator> fromSymbol(final String symbol) {
        for (final ComparisonOperator operator : values()) {
            if (operator.symbol.equals(symbol)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
