package io.trailwatch.identity;

import io.trailwatch.identity.policy.PolicyDocument;
import java.util.List;

/**
 * Who is calling: the user behind a verified access key (or a console session made from one), with the policies
 * that decide what the call may do. Instances asking each other on a caller's behalf use {@link #instance}.
 */
public record Principal(String type, String userName, String userId, String arn, String accountId,
                        String accessKeyId, List<PolicyDocument> policies) {

    public static final String IAM_USER = "IAMUser";
    public static final String INSTANCE = "AWSService";

    public Principal {
        policies = List.copyOf(policies);
    }

    /** Another Trailwatch instance of this deployment, which forwards parts of a query it was asked. */
    public static Principal instance(final String accountId) {
        return new Principal(INSTANCE, null, null, null, accountId, null, List.of());
    }

    public boolean isInstance() {
        return INSTANCE.equals(type);
    }
}
