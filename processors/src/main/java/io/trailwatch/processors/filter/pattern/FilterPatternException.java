package io.trailwatch.processors.filter.pattern;

import io.trailwatch.processors.common.SyntaxException;

/** A filter pattern that CloudWatch Logs would reject, with the 0-based position where parsing failed and why. */
public final class FilterPatternException extends SyntaxException {

    private static final long serialVersionUID = 1L;

    public FilterPatternException(final int position, final String reason) {
        super("Invalid filter pattern at position " + position + ": " + reason, position, reason);
    }
}
