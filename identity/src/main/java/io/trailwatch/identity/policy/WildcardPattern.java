package io.trailwatch.identity.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (including none, and including {@code :} and
 * {@code /}), {@code ?} matches exactly one character, everything else matches itself. Used for the values of
 * {@code Action} (case-insensitively) and {@code Resource} (case-sensitively).
 *
 * <p>Not a regular expression on purpose: a backtracking regex engine takes exponential time on patterns such as
 * {@code a*a*a*a*b} against a long run of {@code a}, and a policy author (or anyone who may write policies) must
 * not be able to stall authorization that way. The pattern is cut at its stars into star-free runs; the first run
 * must match at the start of the text, the last at its end, and each run in between is matched at its leftmost
 * place after the previous one. Taking the leftmost place is always safe (a later place leaves less text for the
 * runs that follow), so no star is ever revisited: matching takes time linear in the text for a given pattern, at
 * most the text's length times the longest star-free run.
 *
 * <p>A character is a Unicode code point, so {@code ?} matches a character outside the Basic Multilingual Plane
 * as one character, as it is one character in an ARN.
 */
public final class WildcardPattern {

    /** Stands for {@code ?} in a run; code points are never negative. */
    private static final int ANY_ONE = -1;

    private final String pattern;
    private final boolean ignoreCase;
    private final boolean hasStar;
    /** The star-free runs in order, with the empty ones: {@code a*} is {@code [a, ""]}, {@code *} is {@code ["", ""]}. */
    private final int[][] runs;

    private WildcardPattern(final String pattern, final boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.hasStar = pattern.indexOf('*') >= 0;
        final List<int[]> runs = new ArrayList<>();
        for (final String run : pattern.split("\\*", -1)) {
            runs.add(run.codePoints().map(c -> c == '?' ? ANY_ONE : fold(c)).toArray());
        }
        this.runs = runs.toArray(new int[0][]);
    }

    /** A pattern whose literal characters match only themselves, as in {@code Resource}. */
    public static WildcardPattern caseSensitive(final String pattern) {
        return new WildcardPattern(Objects.requireNonNull(pattern, "pattern"), false);
    }

    /** A pattern whose literal characters match either case, as in {@code Action}. */
    public static WildcardPattern caseInsensitive(final String pattern) {
        return new WildcardPattern(Objects.requireNonNull(pattern, "pattern"), true);
    }

    /** Whether the whole of {@code text} matches the pattern. */
    public boolean matches(final String text) {
        final int[] chars = text.codePoints().map(this::fold).toArray();
        final int[] head = runs[0];
        if (!hasStar) {
            return chars.length == head.length && matchesAt(chars, 0, head);
        }
        final int[] tail = runs[runs.length - 1];
        final int end = chars.length - tail.length;
        if (head.length > end || !matchesAt(chars, 0, head) || !matchesAt(chars, end, tail)) {
            return false;
        }
        int position = head.length;
        for (int i = 1; i < runs.length - 1; i++) {
            final int found = find(chars, position, end, runs[i]);
            if (found < 0) {
                return false;
            }
            position = found + runs[i].length;
        }
        return true;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** The leftmost place in {@code chars[from, to)} where the whole of {@code run} matches, or -1. */
    private static int find(final int[] chars, final int from, final int to, final int[] run) {
        for (int start = from; start + run.length <= to; start++) {
            if (matchesAt(chars, start, run)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(final int[] chars, final int start, final int[] run) {
        for (int i = 0; i < run.length; i++) {
            if (run[i] != ANY_ONE && run[i] != chars[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** Simple case folding, one code point to one, so that folding never changes what {@code ?} counts. */
    private int fold(final int codePoint) {
        return ignoreCase ? Character.toLowerCase(Character.toUpperCase(codePoint)) : codePoint;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof WildcardPattern
            && ((WildcardPattern) o).pattern.equals(pattern)
            && ((WildcardPattern) o).ignoreCase == ignoreCase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern, ignoreCase);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
