package io.trailwatch.processors.filter.pattern;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A term pattern: every plain term must occur, no {@code -term} may occur. {@code ?term}s only count when the
 * pattern has nothing else, and then one of them must occur; AWS documents that mixed with other terms
 * "all question mark terms will be ignored". A pattern without terms matches every message.
 */
final class TermPattern implements CompiledPattern {

    private static final Optional<Match> MATCHED = Optional.of(new Match(Map.of(), null));

    private final List<TextMatcher> required;
    private final List<TextMatcher> excluded;
    private final List<TextMatcher> optional;

    TermPattern(final List<TextMatcher> required, final List<TextMatcher> excluded,
                final List<TextMatcher> optional) {
        this.required = List.copyOf(required);
        this.excluded = List.copyOf(excluded);
        this.optional = required.isEmpty() && excluded.isEmpty() ? List.copyOf(optional) : List.of();
    }

    /** The plain terms every match contains ({@link NecessaryText}); a blank one matches anything. */
    Set<String> necessaryTerms() {
        final Set<String> terms = new LinkedHashSet<>();
        for (final TextMatcher term : required) {
            if (term instanceof Substring substring && !substring.term().isBlank()) {
                terms.add(substring.term());
            }
        }
        return terms;
    }

    @Override
    public PatternKind kind() {
        return PatternKind.TERMS;
    }

    @Override
    public Optional<Match> match(final LogMessage message) {
        return matchText(message.text());
    }

    private Optional<Match> matchText(final String message) {
        for (final TextMatcher term : required) {
            if (!term.matches(message)) {
                return Optional.empty();
            }
        }
        for (final TextMatcher term : excluded) {
            if (term.matches(message)) {
                return Optional.empty();
            }
        }
        if (optional.isEmpty()) {
            return MATCHED;
        }
        for (final TextMatcher term : optional) {
            if (term.matches(message)) {
                return MATCHED;
            }
        }
        return Optional.empty();
    }
}
