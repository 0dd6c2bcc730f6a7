package io.trailwatch.processors.filter.pattern;

import io.trailwatch.schemas.json.InvalidRecordException;

/**
 * A filter pattern given to an API (PutMetricFilter, PutSubscriptionFilter, FilterLogEvents, a live tail), checked as
 * CloudWatch Logs checks its {@code filterPattern} members: at most {@value #MAX_LENGTH} characters, and a pattern
 * that parses; otherwise InvalidRecordException naming the member with the parser's position and reason.
 */
public final class FilterPatternInput {

    /** CloudWatch Logs' limit on a filterPattern member. */
    public static final int MAX_LENGTH = 1_024;

    private FilterPatternInput() {
    }

    /** @param member the request member it came in, named in errors */
    public static FilterPattern parse(final String member, final String pattern) {
        if (pattern == null) {
            throw new InvalidRecordException(member, "is required (\"\" matches every event)");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new InvalidRecordException(member, "at most " + MAX_LENGTH + " characters, got " + pattern.length());
        }
        try {
            return FilterPattern.parse(pattern);
        } catch (final FilterPatternException e) {
            throw new InvalidRecordException(member, e.getMessage());
        }
    }
}
