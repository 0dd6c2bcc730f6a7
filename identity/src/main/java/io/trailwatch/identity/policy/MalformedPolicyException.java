package io.trailwatch.identity.policy;

/**
 * A policy document that IAM would refuse with {@code MalformedPolicyDocument}. The message names what is wrong
 * and where (for example {@code Statement[1]: Missing required field Effect.}), in IAM's words where IAM has
 * words for it, so that a front end can return it unchanged as the error message of a
 * {@code MalformedPolicyDocument} error and the author knows what to fix.
 */
public final class MalformedPolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedPolicyException(final String message) {
        super(message);
    }

    public MalformedPolicyException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
