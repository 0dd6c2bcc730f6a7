package io.trailwatch.processors.logs.insights;

/**
 * One token of a query.
 *
 * @param kind   what it is
 * @param text   its value: a field's name without backticks, a string without quotes and escapes, a regex's body
 * @param offset where it starts in the query (from 0)
 * @param end    where it ends (excluded)
 */
record Token(Kind kind, String text, int offset, int end) {

    Token(final Kind kind, final String text, final int offset) {
        this(kind, text, offset, offset);
    }

    enum Kind { IDENT, NUMBER, DURATION, STRING, REGEX, SYMBOL, END }

    boolean is(final Kind wanted, final String value) {
        return kind == wanted && text.equals(value);
    }

    boolean isSymbol(final String value) {
        return is(Kind.SYMBOL, value);
    }

    /** A bare word, compared as keywords are: case-insensitively. */
    boolean isWord(final String word) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(word);
    }
}
