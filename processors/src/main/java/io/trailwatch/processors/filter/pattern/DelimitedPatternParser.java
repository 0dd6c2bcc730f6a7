package io.trailwatch.processors.filter.pattern;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code [entry, entry, ...]} where an entry is {@code ...}, a field name, a condition on one field name
 * ({@code status_code = 404 || status_code = 410}), or nothing (an unnamed field, as in AWS's trailing-comma
 * example {@code [..., request=*.html*, status_code=4*,]}). A condition may only name its own field, a pattern
 * has at most one ellipsis (two would make the binding ambiguous) and names are unique.
 */
final class DelimitedPatternParser {

    private final Lexer lexer;
    private final PatternBudget budget;
    private final Set<String> names = new HashSet<>();

    private DelimitedPatternParser(final Lexer lexer, final PatternBudget budget) {
        this.lexer = lexer;
        this.budget = budget;
    }

    static DelimitedPattern parse(final Lexer lexer, final PatternBudget budget) {
        return new DelimitedPatternParser(lexer, budget).parse();
    }

    private DelimitedPattern parse() {
        final Token open = lexer.expect(Token.Kind.LEFT_BRACKET, "expected '['");
        if (lexer.peek().is(Token.Kind.RIGHT_BRACKET)) {
            throw new FilterPatternException(lexer.peek().start(),
                "a space-delimited pattern needs at least one field");
        }
        final List<DelimitedPattern.Entry> entries = new ArrayList<>();
        int ellipsisAt = -1;
        while (true) {
            final Token first = lexer.peek();
            final DelimitedPattern.Entry entry = entry();
            if (entry.ellipsis()) {
                if (ellipsisAt >= 0) {
                    throw new FilterPatternException(first.start(), "only one '...' is allowed; another is at "
                        + "position " + ellipsisAt);
                }
                ellipsisAt = first.start();
            }
            entries.add(entry);
            final Token separator = lexer.next();
            if (separator.is(Token.Kind.RIGHT_BRACKET)) {
                break;
            }
            if (!separator.is(Token.Kind.COMMA)) {
                throw new FilterPatternException(separator.start(), separator.is(Token.Kind.END)
                    ? "expected ']' to close '[' at position " + open.start()
                    : "expected ',' or ']', found " + separator.describe());
            }
        }
        final Token trailing = lexer.next();
        if (!trailing.is(Token.Kind.END)) {
            throw new FilterPatternException(trailing.start(), "unexpected " + trailing.describe() + " after ']'");
        }
        return new DelimitedPattern(entries);
    }

    private DelimitedPattern.Entry entry() {
        final Token first = lexer.peek();
        if (first.is(Token.Kind.COMMA) || first.is(Token.Kind.RIGHT_BRACKET)) {
            return new DelimitedPattern.Entry(null, false, null);
        }
        if (first.is(Token.Kind.WORD) && first.text().equals("...")) {
            lexer.next();
            return DelimitedPattern.Entry.ellipsisEntry();
        }
        final Token second = lexer.peek(1);
        if (first.is(Token.Kind.WORD) && (second.is(Token.Kind.COMMA) || second.is(Token.Kind.RIGHT_BRACKET)
            || second.is(Token.Kind.END))) {
            lexer.next();
            return new DelimitedPattern.Entry(declare(first), false, null);
        }
        final FieldConditions conditions = new FieldConditions();
        final Condition<Scalar> condition = new ConditionParser<Scalar>(lexer, conditions::leaf).parse();
        return new DelimitedPattern.Entry(conditions.name, false, condition);
    }

    private String declare(final Token name) {
        validateName(name);
        if (!names.add(name.text())) {
            throw new FilterPatternException(name.start(), "field name '" + name.text() + "' is used twice");
        }
        return name.text();
    }

    private static void validateName(final Token name) {
        if (!name.is(Token.Kind.WORD)) {
            throw new FilterPatternException(name.start(), "expected a field name, '...' or ',', found "
                + name.describe());
        }
        for (int i = 0; i < name.text().length(); i++) {
            final char c = name.text().charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                throw new FilterPatternException(name.start() + i, "field names may contain only letters, digits, "
                    + "'-' and '_'; found '" + c + "'");
            }
        }
    }

    /** The leaves of one entry's condition, which must all name the same field. */
    private final class FieldConditions {

        private String name;

        ValueTest leaf() {
            final Token field = lexer.next();
            if (name == null) {
                name = declare(field);
            } else {
                validateName(field);
                if (!field.text().equals(name)) {
                    throw new FilterPatternException(field.start(), "a condition in field '" + name
                        + "' can only test '" + name + "', not '" + field.text() + "'");
                }
            }
            final Token operator = lexer.next();
            if (!operator.is(Token.Kind.OPERATOR)) {
                throw new FilterPatternException(operator.start(), "expected an operator (=, !=, <, >, <=, >=) "
                    + "after '" + name + "', found " + operator.describe());
            }
            return ValueTestParser.parse(operator, lexer, budget);
        }
    }
}
