package io.trailwatch.processors.filter.pattern;

/**
 * A filter pattern that CloudWatch Logs would reject, with the 0-based character position where parsing failed
 * and the reason, so that an operator can fix the pattern without guessing.
 */
public final class FilterPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String reason;

    public FilterPatternException(final int position, final String reason) {
        super("Invalid filter pattern at position " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** 0-based index into the pattern text where the problem was found. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position prefix. */
    public String reason() {
        return reason;
    }
}
