package io.trailwatch.processors.filter.pattern;

/** The per-pattern quotas that CloudWatch Logs enforces when a filter is created, counted while parsing. */
final class PatternBudget {

    static final int MAX_PATTERN_LENGTH = 1024;
    static final int MAX_REGEXES = 2;
    static final int MAX_WILDCARD_SELECTORS = 3;

    private int regexes;
    private int wildcardSelectors;

    void countRegex(final int position) {
        if (++regexes > MAX_REGEXES) {
            throw new FilterPatternException(position,
                "a filter pattern may contain at most " + MAX_REGEXES + " regular expressions");
        }
    }

    void countWildcardSelector(final int position) {
        if (++wildcardSelectors > MAX_WILDCARD_SELECTORS) {
            throw new FilterPatternException(position,
                "a filter pattern may contain at most " + MAX_WILDCARD_SELECTORS + " wildcard selectors");
        }
    }
}
