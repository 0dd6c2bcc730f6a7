package io.trailwatch.identity.policy;

import java.util.List;
import java.util.function.Function;

/**
 * The action block or the resource block of a statement: {@code Action} or {@code NotAction}, {@code Resource} or
 * {@code NotResource}, with its patterns. IAM gives both blocks the same shape and the same negation rule, so one
 * class serves both; only how a value is compared differs (actions ignore case, ARNs do not), and that is decided
 * by the patterns it is given.
 */
public final class PatternBlock {

    private final String element;
    private final boolean negated;
    private final List<String> patterns;
    private final List<WildcardPattern> compiled;

    private PatternBlock(final String element, final boolean negated, final List<String> patterns,
                         final Function<String, WildcardPattern> compiler) {
        this.element = element;
        this.negated = negated;
        this.patterns = List.copyOf(patterns);
        this.compiled = patterns.stream().map(compiler).toList();
    }

    /** An {@code Action} ({@code negated} false) or {@code NotAction} block: action names ignore case. */
    static PatternBlock actions(final boolean negated, final List<String> patterns) {
        return new PatternBlock(negated ? "NotAction" : "Action", negated, patterns, WildcardPattern::caseInsensitive);
    }

    /** A {@code Resource} ({@code negated} false) or {@code NotResource} block: ARNs are case-sensitive. */
    static PatternBlock resources(final boolean negated, final List<String> patterns) {
        return new PatternBlock(negated ? "NotResource" : "Resource", negated, patterns, WildcardPattern::caseSensitive);
    }

    /**
     * Whether the block covers {@code value}: for {@code Action} and {@code Resource} when any pattern matches it,
     * for {@code NotAction} and {@code NotResource} when none does.
     */
    public boolean matches(final String value) {
        final boolean any = compiled.stream().anyMatch(pattern -> pattern.matches(value));
        return any != negated;
    }

    /** The element's name as written: {@code Action}, {@code NotAction}, {@code Resource} or {@code NotResource}. */
    public String element() {
        return element;
    }

    /** Whether this is {@code NotAction} or {@code NotResource}. */
    public boolean negated() {
        return negated;
    }

    /** The patterns as written, in order; a single string in the document is a list of one. */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return element + patterns;
    }
}
