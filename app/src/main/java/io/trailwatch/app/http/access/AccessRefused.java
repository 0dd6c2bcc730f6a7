package io.trailwatch.app.http.access;

/**
 * A call refused before it ran: not authenticated (AWS's MissingAuthenticationToken, SignatureDoesNotMatch...),
 * not authorized (AccessDenied), or not acceptable (a foreign Host, a write that is not JSON). Nothing was done.
 */
public final class AccessRefused extends RuntimeException {

    private final int status;
    private final String code;

    public AccessRefused(final int status, final String code, final String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
