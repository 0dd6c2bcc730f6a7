package io.trailwatch.processors.logs.insights;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as a regular expression reads it, with a budget of character reads: Java's backtracking engine can take
 * exponential time on a query's own pattern ({@code /(a+)+$/}) or polynomial time on a glob with many {@code *}, and
 * a single match is not interrupted by the query's timeout. Past the budget the match stops and the query fails,
 * naming the pattern, rather than a scan thread spinning for hours (or a wrong "no match" being answered).
 */
final class BoundedText implements CharSequence {

    /** Character reads one match may make: about half a second cold (measured), far above a sane pattern's need. */
    static final long BUDGET = 20_000_000L;

    private final String text;
    private final Pattern pattern;
    private long reads;

    private BoundedText(final String text, final Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** A matcher of {@code pattern} over {@code text} that throws {@link TooCostly} past the budget. */
    static Matcher matcher(final Pattern pattern, final String text) {
        return pattern.matcher(new BoundedText(text, pattern));
    }

    @Override
    public char charAt(final int index) {
        if (++reads > BUDGET) {
            throw new TooCostly(pattern);
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(final int start, final int end) {
        // the groups a match reports: plain text, no longer counted
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A match that needed more than {@link #BUDGET} character reads. */
    static final class TooCostly extends RuntimeException {
        TooCostly(final Pattern pattern) {
            super("the regular expression /" + pattern.pattern() + "/ backtracks too much on a message (more than "
                + BUDGET + " steps); anchor it or make its repetitions unambiguous");
        }
    }
}
