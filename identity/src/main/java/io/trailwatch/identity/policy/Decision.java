package io.trailwatch.identity.policy;

/**
 * The outcome of evaluating a request against identity-based policies, with IAM's three outcomes kept apart:
 * callers deny both denials, but an audit record or an error message says which one it was, as AWS's
 * {@code AccessDenied} messages do ("with an explicit deny" or "because no identity-based policy allows").
 */
public enum Decision {

    /** A statement allows the request and none denies it. */
    ALLOW,

    /** A Deny statement matches the request; nothing can override it. */
    EXPLICIT_DENY,

    /** No statement matches the request: everything not allowed is denied. */
    IMPLICIT_DENY;

    /** Whether the request may proceed. */
    public boolean allowed() {
        return this == ALLOW;
    }
}
