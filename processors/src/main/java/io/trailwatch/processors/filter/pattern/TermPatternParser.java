package io.trailwatch.processors.filter.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a term pattern: whitespace-separated terms, each optionally prefixed by {@code ?} (any of) or {@code -}
 * (none of). A term is a bare word of letters, digits and {@code _}, a {@code "quoted phrase"} (required for any
 * other character, as AWS documents), or a {@code %regex%}.
 */
final class TermPatternParser {

    private final Cursor cursor;
    private final PatternBudget budget;
    private final List<TextMatcher> required = new ArrayList<>();
    private final List<TextMatcher> excluded = new ArrayList<>();
    private final List<TextMatcher> optional = new ArrayList<>();

    private TermPatternParser(final Cursor cursor, final PatternBudget budget) {
        this.cursor = cursor;
        this.budget = budget;
    }

    static TermPattern parse(final Cursor cursor, final PatternBudget budget) {
        return new TermPatternParser(cursor, budget).parse();
    }

    private TermPattern parse() {
        for (cursor.skipWhitespace(); !cursor.atEnd(); cursor.skipWhitespace()) {
            final char prefix = cursor.peek();
            if (prefix == '?' || prefix == '-') {
                cursor.advance();
                if (cursor.atEnd() || Character.isWhitespace(cursor.peek())) {
                    throw cursor.error("expected a term right after '" + prefix + "'");
                }
            }
            (prefix == '?' ? optional : prefix == '-' ? excluded : required).add(term());
        }
        return new TermPattern(required, excluded, optional);
    }

    private TextMatcher term() {
        final int start = cursor.position();
        final TextMatcher term;
        if (cursor.peek() == '"') {
            term = new Substring(cursor.readQuoted());
        } else if (cursor.peek() == '%') {
            term = AwsRegex.compile(cursor.readRegexBody(), start, budget);
        } else {
            term = new Substring(bareWord());
        }
        if (!cursor.atEnd() && !Character.isWhitespace(cursor.peek())) {
            throw cursor.error("expected a space after the term that starts at position " + start);
        }
        return term;
    }

    private String bareWord() {
        final int start = cursor.position();
        while (!cursor.atEnd() && !Character.isWhitespace(cursor.peek())) {
            final char c = cursor.peek();
            if (!Character.isLetterOrDigit(c) && c != '_') {
                throw cursor.error("'" + c + "' cannot appear in an unquoted term; put the term in double quotes");
            }
            cursor.advance();
        }
        return cursor.text().substring(start, cursor.position());
    }
}
