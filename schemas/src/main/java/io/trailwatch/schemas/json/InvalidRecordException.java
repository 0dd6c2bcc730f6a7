package io.trailwatch.schemas.json;

/**
 * A record that does not satisfy its contract. Names the offending field (dotted path) and why, so an
 * edge can answer with exactly what to fix.
 */
public final class InvalidRecordException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidRecordException(final String field, final String reason) {
        super("field '" + field + "': " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
