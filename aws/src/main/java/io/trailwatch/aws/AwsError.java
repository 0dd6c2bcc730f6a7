package io.trailwatch.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered in the caller's protocol, under the names AWS's clients map to their exception types.
 *
 * @see #of(String, String, int, String)
 */
public final class AwsError extends RuntimeException {

    private final String shape;
    private final String queryCode;
    private final int status;
    private final boolean senderFault;
    private final ObjectNode members;

    private AwsError(final String shape, final String queryCode, final int status, final boolean senderFault,
                     final String message, final ObjectNode members) {
        super(message, null, false, false);
        this.shape = shape;
        this.queryCode = queryCode;
        this.status = status;
        this.senderFault = senderFault;
        this.members = members;
    }

    /**
     * @param shape     the error's shape in the service's model ({@code InvalidParameterValueException}), which
     *                  JSON and CBOR clients map to an exception type
     * @param queryCode its code in the query protocol ({@code InvalidParameterValue}), also sent to JSON and CBOR
     *                  clients of a query-compatible service in {@code x-amzn-query-error}
     * @param status    the HTTP status; 5xx is the service's fault, anything else the sender's
     */
    public static AwsError of(final String shape, final String queryCode, final int status, final String message) {
        return new AwsError(shape, queryCode, status, status < 500, message, null);
    }

    /**
     * The same error with members of its shape besides {@code message} (DashboardInvalidInputError's
     * {@code dashboardValidationMessages}), answered in the JSON and CBOR protocols' error bodies.
     */
    public AwsError withMembers(final ObjectNode shapeMembers) {
        return new AwsError(shape, queryCode, status, senderFault, getMessage(), shapeMembers.deepCopy());
    }

    /** The error shape's members besides {@code message}; empty for most errors. */
    public ObjectNode members() {
        return members == null ? JsonNodeFactory.instance.objectNode() : members.deepCopy();
    }

    /** An error whose shape and query code are the same name. */
    public static AwsError of(final String code, final int status, final String message) {
        return of(code, code, status, message);
    }

    /** A request that could not be read, in any service: the JSON protocols' own name for it. */
    public static AwsError serialization(final String message) {
        return of("SerializationException", "MalformedInput", 400, message);
    }

    /** A service or operation this endpoint does not answer. */
    public static AwsError unknownOperation(final String message) {
        return of("UnknownOperationException", "InvalidAction", 400, message);
    }

    /** A required member that is absent, in the JSON services' shape. */
    public static AwsError validation(final String message) {
        return of("ValidationException", "ValidationError", 400, message);
    }

    public String shape() {
        return shape;
    }

    public String queryCode() {
        return queryCode;
    }

    public int status() {
        return status;
    }

    public boolean senderFault() {
        return senderFault;
    }
}
