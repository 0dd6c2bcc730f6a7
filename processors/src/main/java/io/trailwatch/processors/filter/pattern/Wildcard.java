package io.trailwatch.processors.filter.pattern;

import java.util.Optional;

/**
 * A value with {@code *} wildcards that must match the whole text: {@code Event*} matches "EventName",
 * {@code *Event} "PutEvent", {@code *.html*} "GET /index.html HTTP/1.0", a lone {@code *} anything. Without a
 * {@code *} it is plain equality. Matching walks literal pieces with {@code startsWith}/{@code indexOf} rather than
 * a regex: it is linear and allocation-free on the hot path.
 */
final class Wildcard implements TextMatcher {

    private final String source;
    private final String[] pieces;

    private Wildcard(final String source) {
        this.source = source;
        this.pieces = source.split("\\*", -1);
    }

    static Wildcard of(final String source) {
        return new Wildcard(source);
    }

    /** The text this matches alone, when it has no {@code *}. */
    Optional<String> literal() {
        return pieces.length == 1 ? Optional.of(source) : Optional.empty();
    }

    @Override
    public boolean matches(final String text) {
        if (pieces.length == 1) {
            return text.equals(source);
        }
        final String first = pieces[0];
        final String last = pieces[pieces.length - 1];
        final int suffixStart = text.length() - last.length();
        if (suffixStart < first.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        // Taking each middle piece at its leftmost occurrence is optimal when '*' is the only operator.
        int from = first.length();
        for (int i = 1; i < pieces.length - 1; i++) {
            final int found = text.indexOf(pieces[i], from);
            if (found < 0 || found + pieces[i].length() > suffixStart) {
                return false;
            }
            from = found + pieces[i].length();
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
