package io.trailwatch.processors.filter.pattern;

/**
 * A term of a term pattern: it matches when it occurs anywhere in the message (AWS: "ERROR" matches
 * "Exiting with ERRORCODE: -1"), case-sensitively. A blank phrase such as {@code " "} matches every message,
 * as AWS documents for "match everything".
 */
record Substring(String term) implements TextMatcher {

    @Override
    public boolean matches(final String text) {
        return term.isBlank() || text.contains(term);
    }
}
