package io.trailwatch.processors.logs.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a query into tokens. A {@code /} starts a regular expression where a value is expected (after an
 * operator, a keyword, {@code (}, {@code ,}, {@code [} or at a command's start) and is division elsewhere, as
 * {@code filter @message like /x/} and {@code fields a / 2} both read. {@code #} starts a comment up to the line's
 * end. A number followed by letters ({@code 5m}) is a duration, for {@code bin}.
 */
final class QueryLexer {

    private static final List<String> SYMBOLS = List.of("!=", "<=", ">=", "=~", "==", "|", ",", "(", ")", "[", "]",
        "=", "<", ">", "+", "-", "*", "/", "%", "^");
    private static final Set<String> BEFORE_VALUE_WORDS = Set.of("like", "and", "or", "not", "in", "filter",
        "parse", "by", "as");

    private final String query;
    private int at;

    private QueryLexer(final String query) {
        this.query = query;
    }

    static List<Token> tokens(final String query) {
        return new QueryLexer(query).all();
    }

    private List<Token> all() {
        final List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (at >= query.length()) {
                tokens.add(new Token(Token.Kind.END, "", at));
                return tokens;
            }
            final Token token = next(tokens.isEmpty() ? null : tokens.get(tokens.size() - 1),
                tokens.size() < 2 ? null : tokens.get(tokens.size() - 2));
            tokens.add(new Token(token.kind(), token.text(), token.offset(), at));
        }
    }

    private void skipSpaceAndComments() {
        while (at < query.length()) {
            final char c = query.charAt(at);
            if (c == '#') {
                while (at < query.length() && query.charAt(at) != '\n') {
                    at++;
                }
            } else if (Character.isWhitespace(c)) {
                at++;
            } else {
                return;
            }
        }
    }

    private Token next(final Token previous, final Token beforePrevious) {
        final int start = at;
        final char c = query.charAt(at);
        if (c == '"' || c == '\'') {
            return new Token(Token.Kind.STRING, quoted(c), start);
        }
        if (c == '`') {
            return new Token(Token.Kind.IDENT, quoted('`'), start);
        }
        if (c == '/' && (valueExpected(previous) || beforePrevious != null && beforePrevious.isWord("parse")
            && previous.kind() == Token.Kind.IDENT)) {
            return new Token(Token.Kind.REGEX, quoted('/'), start);
        }
        if (Character.isDigit(c) || c == '.' && at + 1 < query.length() && Character.isDigit(query.charAt(at + 1))) {
            while (at < query.length() && (Character.isDigit(query.charAt(at)) || query.charAt(at) == '.')) {
                at++;
            }
            final int digitsEnd = at;
            while (at < query.length() && Character.isLetter(query.charAt(at))) {
                at++;
            }
            return new Token(digitsEnd == at ? Token.Kind.NUMBER : Token.Kind.DURATION, query.substring(start, at),
                start);
        }
        if (isWordStart(c)) {
            while (at < query.length() && isWordPart(query.charAt(at))) {
                at++;
            }
            return new Token(Token.Kind.IDENT, query.substring(start, at), start);
        }
        for (final String symbol : SYMBOLS) {
            if (query.startsWith(symbol, at)) {
                at += symbol.length();
                return new Token(Token.Kind.SYMBOL, symbol, start);
            }
        }
        throw new MalformedQueryException(query, start, "unexpected character '" + c + "'");
    }

    private static boolean valueExpected(final Token previous) {
        return previous == null
            || previous.kind() == Token.Kind.SYMBOL && !previous.text().equals(")") && !previous.text().equals("]")
            || previous.kind() == Token.Kind.IDENT && BEFORE_VALUE_WORDS.contains(previous.text().toLowerCase());
    }

    private static boolean isWordStart(final char c) {
        return Character.isLetter(c) || c == '@' || c == '_' || c == '$';
    }

    private static boolean isWordPart(final char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '_' || c == '.' || c == '$';
    }

    /** The text up to the closing quote; a backslash escapes the quote (kept as-is in a regex, for Java's syntax). */
    private String quoted(final char quote) {
        final int start = at;
        at++;
        final StringBuilder text = new StringBuilder();
        while (at < query.length()) {
            final char c = query.charAt(at);
            if (c == '\\' && at + 1 < query.length()) {
                final char escaped = query.charAt(at + 1);
                if (quote == '/' && escaped != '/') {
                    text.append(c);
                }
                text.append(escaped);
                at += 2;
                continue;
            }
            at++;
            if (c == quote) {
                return text.toString();
            }
            text.append(c);
        }
        throw new MalformedQueryException(query, start, "unterminated " + (quote == '/' ? "regular expression"
            : quote == '`' ? "quoted field name" : "string"));
    }
}
