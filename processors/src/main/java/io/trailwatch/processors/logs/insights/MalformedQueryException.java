package io.trailwatch.processors.logs.insights;

/**
 * A query that does not parse, with where and why: CloudWatch Logs' {@code MalformedQueryException}, whose message
 * names the line and column (both from 1) so that a user can find the mistake in a multi-line query.
 */
public final class MalformedQueryException extends RuntimeException {

    private final int offset;
    private final int line;
    private final int column;
    private final String reason;

    MalformedQueryException(final String query, final int offset, final String reason) {
        super(message(query, offset, reason), null, false, false);
        this.offset = offset;
        this.line = lineOf(query, offset);
        this.column = columnOf(query, offset);
        this.reason = reason;
    }

    private static String message(final String query, final int offset, final String reason) {
        return "Query is malformed at line " + lineOf(query, offset) + ", column " + columnOf(query, offset) + ": "
            + reason;
    }

    private static int columnOf(final String query, final int offset) {
        return offset - (offset == 0 ? -1 : query.lastIndexOf('\n', offset - 1));
    }

    private static int lineOf(final String query, final int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The character offset (from 0) where the problem starts. */
    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
