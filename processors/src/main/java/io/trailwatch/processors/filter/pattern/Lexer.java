package io.trailwatch.processors.filter.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a JSON or space-delimited pattern into {@link Token}s, with lookahead for the parsers. Both languages
 * share punctuation, operators, strings and regexes; what differs (selectors only start JSON leaves, names only
 * start fields) is left to the parsers.
 */
final class Lexer {

    /** Characters that end an unquoted word: punctuation, operators, quotes and regex delimiters. */
    private static final String WORD_STOP = "(){}[],&|\"=!<>%";
    /** Characters that end a selector, besides whitespace; '[' opens a bracket step and is consumed whole. */
    private static final String SELECTOR_STOP = "(){}],&|\"=!<>%";
    private static final String OPERATOR_CHARS = "=!<>";

    private final Cursor cursor;
    private final List<Token> lookahead = new ArrayList<>(2);

    Lexer(final Cursor cursor) {
        this.cursor = cursor;
    }

    Token peek() {
        return peek(0);
    }

    Token peek(final int offset) {
        while (lookahead.size() <= offset) {
            lookahead.add(read());
        }
        return lookahead.get(offset);
    }

    Token next() {
        final Token token = peek();
        lookahead.remove(0);
        return token;
    }

    /** Consumes the next token, which must be of {@code kind}; otherwise fails with {@code reason}. */
    Token expect(final Token.Kind kind, final String reason) {
        final Token token = next();
        if (!token.is(kind)) {
            throw new FilterPatternException(token.start(), reason + ", found " + token.describe());
        }
        return token;
    }

    private Token read() {
        cursor.skipWhitespace();
        final int start = cursor.position();
        if (cursor.atEnd()) {
            return new Token(Token.Kind.END, "", start);
        }
        final char c = cursor.peek();
        return switch (c) {
            case '{' -> single(Token.Kind.LEFT_BRACE, start);
            case '}' -> single(Token.Kind.RIGHT_BRACE, start);
            case '[' -> single(Token.Kind.LEFT_BRACKET, start);
            case ']' -> single(Token.Kind.RIGHT_BRACKET, start);
            case '(' -> single(Token.Kind.LEFT_PAREN, start);
            case ')' -> single(Token.Kind.RIGHT_PAREN, start);
            case ',' -> single(Token.Kind.COMMA, start);
            case '&' -> doubled('&', Token.Kind.AND, start);
            case '|' -> doubled('|', Token.Kind.OR, start);
            case '"' -> new Token(Token.Kind.STRING, cursor.readQuoted(), start);
            case '%' -> new Token(Token.Kind.REGEX, cursor.readRegexBody(), start);
            case '$' -> selector(start);
            default -> OPERATOR_CHARS.indexOf(c) >= 0 ? operator(start) : word(start);
        };
    }

    private Token single(final Token.Kind kind, final int start) {
        return new Token(kind, String.valueOf(cursor.advance()), start);
    }

    private Token doubled(final char c, final Token.Kind kind, final int start) {
        if (cursor.peek(1) != c) {
            throw cursor.error("expected '" + c + c + "'; a single '" + c + "' is not an operator");
        }
        cursor.skip(2);
        return new Token(kind, "" + c + c, start);
    }

    private Token operator(final int start) {
        while (OPERATOR_CHARS.indexOf(cursor.peek()) >= 0) {
            cursor.advance();
        }
        final String text = cursor.text().substring(start, cursor.position());
        if (ComparisonOperator.fromSymbol(text).isEmpty()) {
            throw new FilterPatternException(start, "unsupported operator '" + text + "'; use one of "
                + "=, !=, <, >, <=, >=");
        }
        return new Token(Token.Kind.OPERATOR, text, start);
    }

    private Token selector(final int start) {
        while (!cursor.atEnd()) {
            final char c = cursor.peek();
            if (c == '[') {
                skipBracketStep();
            } else if (Character.isWhitespace(c) || SELECTOR_STOP.indexOf(c) >= 0) {
                break;
            } else {
                cursor.advance();
            }
        }
        return new Token(Token.Kind.SELECTOR, cursor.text().substring(start, cursor.position()), start);
    }

    /** Consumes {@code [...]}, quotes included, so that {@code ['a b']} stays in the selector; Selector validates. */
    private void skipBracketStep() {
        cursor.advance();
        char quote = 0;
        while (!cursor.atEnd()) {
            final char c = cursor.advance();
            if (quote != 0) {
                if (c == '\\' && !cursor.atEnd()) {
                    cursor.advance();
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return;
            }
        }
    }

    private Token word(final int start) {
        while (!cursor.atEnd() && !Character.isWhitespace(cursor.peek()) && WORD_STOP.indexOf(cursor.peek()) < 0) {
            cursor.advance();
        }
        return new Token(Token.Kind.WORD, cursor.text().substring(start, cursor.position()), start);
    }
}
