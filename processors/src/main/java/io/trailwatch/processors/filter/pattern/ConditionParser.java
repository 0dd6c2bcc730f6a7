package io.trailwatch.processors.filter.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Recursive descent for {@code ||}, {@code &&} and parentheses, with AWS's precedence {@code () > && > ||}:
 * <pre>
 *   or      := and ('||' and)*
 *   and     := primary ('&&' primary)*
 *   primary := '(' or ')' | leaf
 * </pre>
 * The leaf grammar is the caller's: a JSON comparison or a space-delimited field condition.
 */
final class ConditionParser<T> {

    private final Lexer lexer;
    private final Supplier<Condition<T>> leaf;

    /** @param leaf parses one leaf from the same lexer */
    ConditionParser(final Lexer lexer, final Supplier<Condition<T>> leaf) {
        this.lexer = lexer;
        this.leaf = leaf;
    }

    Condition<T> parse() {
        return or();
    }

    private Condition<T> or() {
        final List<Condition<T>> parts = new ArrayList<>();
        parts.add(and());
        while (lexer.peek().is(Token.Kind.OR)) {
            lexer.next();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Any<>(parts);
    }

    private Condition<T> and() {
        final List<Condition<T>> parts = new ArrayList<>();
        parts.add(primary());
        while (lexer.peek().is(Token.Kind.AND)) {
            lexer.next();
            parts.add(primary());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All<>(parts);
    }

    private Condition<T> primary() {
        if (!lexer.peek().is(Token.Kind.LEFT_PAREN)) {
            return leaf.get();
        }
        final Token open = lexer.next();
        final Condition<T> inner = or();
        lexer.expect(Token.Kind.RIGHT_PAREN, "expected ')' to close '(' at position " + open.start());
        return inner;
    }
}
