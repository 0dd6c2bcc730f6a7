package io.trailwatch.processors.filter.pattern;

/** A lexical unit of a JSON or space-delimited pattern; {@code start} is its 0-based position in the pattern. */
record Token(Kind kind, String text, int start) {

    enum Kind {
        LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN, COMMA,
        AND, OR, OPERATOR,
        /** A double-quoted string; {@code text} is its content without quotes or escapes. */
        STRING,
        /** A {@code %regex%}; {@code text} is the body between the percent signs. */
        REGEX,
        /** A JSON selector starting with {@code $}. */
        SELECTOR,
        /** An unquoted run: a field name, a keyword, a number or a value with wildcards. */
        WORD,
        END
    }

    boolean is(final Kind expected) {
        return kind == expected;
    }

    boolean isWord(final String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the pattern";
            case STRING -> "\"" + text + "\"";
            case REGEX -> "%" + text + "%";
            default -> "'" + text + "'";
        };
    }
}
