package io.trailwatch.processors.common;

/**
 * Text in one of the languages Trailwatch accepts (filter patterns, alarm rules) that cannot be parsed, with the
 * 0-based character position where parsing failed and the reason, so it can be fixed without guessing.
 */
public abstract class SyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String reason;

    protected SyntaxException(final String message, final int position, final String reason) {
        super(message);
        this.position = position;
        this.reason = reason;
    }

    /** 0-based index into the text where the problem was found. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
