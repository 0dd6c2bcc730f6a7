package io.trailwatch.identity.sigv4;

/**
 * A request whose SigV4 authentication failed, with the error code and message an AWS service would return, so the
 * AWS CLI, botocore and the SDKs show their usual, searchable errors (and the SDKs' retry logic sees the codes it
 * knows, e.g. it re-syncs its clock on {@code RequestExpired}).
 *
 * <p>Every failure maps to HTTP 403. AWS itself answers 400 for {@code IncompleteSignature} on some services (the
 * query-protocol ones) and 403 on others (REST-JSON ones); Trailwatch uses 403 throughout, which clients treat the
 * same way, rather than vary it by front end.
 *
 * <p>Failed authentication is an expected outcome, often in bulk (a misconfigured client retrying, a scanner), not a
 * bug to debug: the exception records no stack trace, which would cost more than the verification itself.
 */
public final class AuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** No Authorization header and no X-Amz-Algorithm/X-Amz-Credential/X-Amz-Signature query parameters. */
    public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken";
    /** The authentication information is there but malformed or incomplete. */
    public static final String INCOMPLETE_SIGNATURE = "IncompleteSignature";
    /** The signature, or the credential scope it was made for, is wrong. */
    public static final String SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch";
    /** The access key id is unknown, or the request carries a session token (Trailwatch issues none). */
    public static final String INVALID_CLIENT_TOKEN_ID = "InvalidClientTokenId";
    /** The request was signed too long ago or too far in the future, or its presigned URL has expired. */
    public static final String REQUEST_EXPIRED = "RequestExpired";

    static final String SIGNATURE_DOES_NOT_MATCH_MESSAGE = "The request signature we calculated does not match the "
        + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
        + "documentation for details.";

    private final String code;

    private AuthenticationException(final String code, final String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The AWS error code, e.g. {@code SignatureDoesNotMatch}. */
    public String code() {
        return code;
    }

    /** The HTTP status to answer with: 403 for every code (see the class comment). */
    public int httpStatus() {
        return 403;
    }

    static AuthenticationException missingAuthenticationToken() {
        return new AuthenticationException(MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }

    static AuthenticationException incompleteSignature(final String message) {
        return new AuthenticationException(INCOMPLETE_SIGNATURE, message);
    }

    static AuthenticationException signatureDoesNotMatch() {
        return new AuthenticationException(SIGNATURE_DOES_NOT_MATCH, SIGNATURE_DOES_NOT_MATCH_MESSAGE);
    }

    /** A signature refused for a stated reason, such as a credential scope for another region. */
    static AuthenticationException signatureDoesNotMatch(final String message) {
        return new AuthenticationException(SIGNATURE_DOES_NOT_MATCH, message);
    }

    static AuthenticationException invalidClientTokenId() {
        return new AuthenticationException(INVALID_CLIENT_TOKEN_ID,
            "The security token included in the request is invalid.");
    }

    static AuthenticationException requestExpired(final String message) {
        return new AuthenticationException(REQUEST_EXPIRED, message);
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
