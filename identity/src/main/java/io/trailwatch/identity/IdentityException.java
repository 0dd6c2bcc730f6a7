package io.trailwatch.identity;

/** An identity operation refused with IAM's error code and HTTP status (NoSuchEntity 404, EntityAlreadyExists 409...). */
public final class IdentityException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public IdentityException(final String code, final int httpStatus, final String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public static IdentityException noSuchEntity(final String message) {
        return new IdentityException("NoSuchEntity", 404, message);
    }

    public static IdentityException conflict(final String code, final String message) {
        return new IdentityException(code, 409, message);
    }

    public static IdentityException invalid(final String message) {
        return new IdentityException("ValidationError", 400, message);
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
