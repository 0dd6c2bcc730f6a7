package io.trailwatch.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema-registry call failed. Carries the HTTP status and the registry's own error code
 * (e.g. 40403 schema not found, 409 incompatible) so callers can tell "unknown id" from "registry down".
 */
public final class SchemaRegistryException extends SerializationException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(final String message, final int httpStatus, final int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(final String message, final Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** HTTP status of the failed call, or -1 when the registry could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's error_code, or -1 when it sent none. */
    public int errorCode() {
        return errorCode;
    }
}
