package io.trailwatch.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user as IAM describes one, with its inline policies (name to document JSON) and the ARNs of its attached
 * managed policies; JSON field names are IAM's, which is also how the user is kept on the identity topic.
 */
public record User(
    @JsonProperty("UserName") String userName,
    @JsonProperty("UserId") String userId,
    @JsonProperty("Arn") String arn,
    @JsonProperty("CreateDate") Instant createDate,
    @JsonProperty("UserPolicies") Map<String, String> inlinePolicies,
    @JsonProperty("AttachedPolicies") List<String> attachedPolicyArns) {

    public User {
        Objects.requireNonNull(userName, "userName");
        inlinePolicies = inlinePolicies == null ? Map.of() : java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(inlinePolicies));
        attachedPolicyArns = attachedPolicyArns == null ? List.of() : List.copyOf(attachedPolicyArns);
    }

    public User withInlinePolicy(final String name, final String document) {
        final Map<String, String> policies = new LinkedHashMap<>(inlinePolicies);
        if (document == null) {
            policies.remove(name);
        } else {
            policies.put(name, document);
        }
        return new User(userName, userId, arn, createDate, policies, attachedPolicyArns);
    }

    public User withAttachedPolicies(final List<String> arns) {
        return new User(userName, userId, arn, createDate, inlinePolicies, arns);
    }
}
