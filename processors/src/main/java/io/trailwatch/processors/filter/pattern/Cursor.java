package io.trailwatch.processors.filter.pattern;

/**
 * A read position in the pattern text. The lexical pieces that every pattern language shares (quoted strings,
 * {@code %regex%} bodies) are read here so that the languages cannot drift apart on them.
 */
final class Cursor {

    static final char END = '\0';

    private final String text;
    private int position;

    Cursor(final String text, final int position) {
        this.text = text;
        this.position = position;
    }

    String text() {
        return text;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position >= text.length();
    }

    /** The current character, or {@link #END} past the end (the pattern text never needs a literal NUL). */
    char peek() {
        return peek(0);
    }

    char peek(final int offset) {
        final int index = position + offset;
        return index < text.length() ? text.charAt(index) : END;
    }

    char advance() {
        return text.charAt(position++);
    }

    void skip(final int count) {
        position += count;
    }

    void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    FilterPatternException error(final String reason) {
        return new FilterPatternException(position, reason);
    }

    /**
     * Reads a double-quoted string starting at the current {@code "}. A backslash escapes {@code "} and {@code \}
     * (what the AWS CDK emits when it quotes a term); before any other character it is kept as written, so Windows
     * paths and regex-looking text survive unchanged.
     */
    String readQuoted() {
        final int open = position;
        position++;
        final StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            final char c = advance();
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && (peek() == '"' || peek() == '\\')) {
                value.append(advance());
            } else {
                value.append(c);
            }
        }
        throw new FilterPatternException(open, "unterminated quoted string: missing closing '\"'");
    }

    /** Reads a {@code %regex%} starting at the current {@code %} and returns the body between the two signs. */
    String readRegexBody() {
        final int open = position;
        final int close = text.indexOf('%', open + 1);
        if (close < 0) {
            throw new FilterPatternException(open, "unterminated regular expression: missing closing '%'");
        }
        position = close + 1;
        return text.substring(open + 1, close);
    }
}
