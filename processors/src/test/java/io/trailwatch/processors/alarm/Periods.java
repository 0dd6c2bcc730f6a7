package io.trailwatch.processors.alarm;

import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Datapoints written as the User Guide's tables write them: oldest first, newest right, '0' a non-breaching
 * datapoint, 'X' a breaching one, '-' a missing one, separated by spaces.
 */
final class Periods {

    /** A time in the middle of a minute, so that 60 s periods end at the minute before it. */
    static final Instant NOW = Instant.parse("2021-11-26T13:46:30Z");
    /** The newest complete 60 s period at {@link #NOW}. */
    static final Instant NEWEST = Instant.parse("2021-11-26T13:45:00Z");

    private Periods() {
    }

    /** For the fixture's default "GreaterThanOrEqualToThreshold 80.0": 0 is 10.0, X is 90.0. */
    static NavigableMap<Instant, Double> pattern(final String pattern) {
        return pattern(pattern, NEWEST, 60, 10.0, 90.0);
    }

    static NavigableMap<Instant, Double> pattern(final String pattern, final Instant newest, final int periodSeconds,
                                                 final double ok, final double breaching) {
        final String[] marks = pattern.trim().split("\\s+");
        final NavigableMap<Instant, Double> points = new TreeMap<>();
        for (int i = 0; i < marks.length; i++) {
            final Instant start = newest.minusSeconds((long) periodSeconds * (marks.length - 1 - i));
            switch (marks[i]) {
                case "0" -> points.put(start, ok);
                case "X" -> points.put(start, breaching);
                case "-" -> { }
                default -> throw new IllegalArgumentException("unknown mark '" + marks[i] + "' in " + pattern);
            }
        }
        return points;
    }
}
