package io.trailwatch.identity.policy;

import java.util.Collection;
import java.util.Objects;

/**
 * Whether identity-based policies allow a request, by IAM's evaluation logic for a principal's own policies in
 * one account: a matching Deny statement in any policy wins over everything ({@link Decision#EXPLICIT_DENY});
 * otherwise a matching Allow statement in any policy allows ({@link Decision#ALLOW}); otherwise the request is
 * denied by default ({@link Decision#IMPLICIT_DENY}). The order of policies and statements never matters.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /**
     * @param policies    every policy that applies to the caller (attached to it, or to its groups)
     * @param action      the requested action, {@code service:Operation}, e.g. {@code cloudwatch:DescribeAlarms}
     * @param resourceArn the ARN of the resource the request is for, or {@code *} when the action has none
     */
    public static Decision evaluate(final Collection<PolicyDocument> policies, final String action,
                                    final String resourceArn) {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceArn, "resourceArn");
        boolean allowed = false;
        for (final PolicyDocument policy : policies) {
            for (final Statement statement : policy.statements()) {
                if (statement.matches(action, resourceArn)) {
                    if (statement.effect() == Effect.DENY) {
                        return Decision.EXPLICIT_DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }
}
