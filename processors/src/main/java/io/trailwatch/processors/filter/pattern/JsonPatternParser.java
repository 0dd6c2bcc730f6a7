package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code { condition }} where each leaf is one of
 * <pre>
 *   selector op value          op: = != &lt; &gt; &lt;= &gt;=
 *   selector IS NULL | IS TRUE | IS FALSE
 *   selector NOT EXISTS
 * </pre>
 * {@code IS NOT} and {@code EXISTS} are rejected with a pointer to what AWS supports instead.
 */
final class JsonPatternParser {

    private final Lexer lexer;
    private final PatternBudget budget;
    private final Map<String, Selector> selectors = new LinkedHashMap<>();

    private JsonPatternParser(final Lexer lexer, final PatternBudget budget) {
        this.lexer = lexer;
        this.budget = budget;
    }

    static JsonPattern parse(final Lexer lexer, final PatternBudget budget) {
        return new JsonPatternParser(lexer, budget).parse();
    }

    private JsonPattern parse() {
        lexer.expect(Token.Kind.LEFT_BRACE, "expected '{'");
        final Condition<JsonNode> condition = new ConditionParser<JsonNode>(lexer, this::leaf).parse();
        final Token close = lexer.next();
        if (close.is(Token.Kind.RIGHT_PAREN)) {
            throw new FilterPatternException(close.start(), "')' without a matching '('");
        }
        if (!close.is(Token.Kind.RIGHT_BRACE)) {
            throw new FilterPatternException(close.start(), close.is(Token.Kind.END)
                ? "expected '}' to close the JSON pattern"
                : "expected '&&', '||' or '}', found " + close.describe());
        }
        final Token trailing = lexer.next();
        if (!trailing.is(Token.Kind.END)) {
            throw new FilterPatternException(trailing.start(), "unexpected " + trailing.describe() + " after '}'");
        }
        return new JsonPattern(condition, new ArrayList<>(selectors.values()));
    }

    private JsonCondition leaf() {
        final Selector selector = selector(lexer.next());
        final Token operator = lexer.next();
        if (operator.is(Token.Kind.OPERATOR)) {
            return new JsonCondition.Compare(selector, ValueTestParser.parse(operator, lexer, budget));
        }
        if (operator.isWord("IS")) {
            return isCondition(selector);
        }
        if (operator.isWord("NOT")) {
            final Token exists = lexer.next();
            if (!exists.isWord("EXISTS")) {
                throw new FilterPatternException(exists.start(), "expected EXISTS after NOT");
            }
            return new JsonCondition.NotExists(selector);
        }
        if (operator.isWord("EXISTS")) {
            throw new FilterPatternException(operator.start(),
                "EXISTS is not supported; use '= *' to require the field or NOT EXISTS to forbid it");
        }
        throw new FilterPatternException(operator.start(), "expected an operator (=, !=, <, >, <=, >=), IS or "
            + "NOT EXISTS after " + selector.text() + ", found " + operator.describe());
    }

    private JsonCondition isCondition(final Selector selector) {
        final Token value = lexer.next();
        if (value.isWord("NULL")) {
            return new JsonCondition.IsNull(selector);
        }
        if (value.isWord("TRUE") || value.isWord("FALSE")) {
            return new JsonCondition.IsBoolean(selector, value.isWord("TRUE"));
        }
        if (value.isWord("NOT")) {
            throw new FilterPatternException(value.start(),
                "IS NOT is not supported; use '!=' or NOT EXISTS instead");
        }
        throw new FilterPatternException(value.start(), "expected NULL, TRUE or FALSE after IS, found "
            + value.describe());
    }

    private Selector selector(final Token token) {
        if (!token.is(Token.Kind.SELECTOR)) {
            throw new FilterPatternException(token.start(),
                "expected a selector such as $.eventName, found " + token.describe());
        }
        final Selector selector = Selector.parse(token.text(), token.start());
        if (selector.hasWildcard()) {
            budget.countWildcardSelector(token.start());
        }
        selectors.putIfAbsent(selector.text(), selector);
        return selector;
    }
}
