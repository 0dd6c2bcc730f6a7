package io.trailwatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.identity.Operation;
import java.util.Optional;
import java.util.function.Function;

/**
 * One operation of a service: its IAM operation (authorization, the audit record), what it touches, and the
 * handler that answers it from the feature's service.
 *
 * @param name      the operation's name in the model ({@code PutMetricData})
 * @param iam       the IAM operation; its name is the same
 * @param resource  the resource the call acts on, from its input; empty for operations AWS authorizes on {@code *}
 * @param handler   the answer: the output structure as a tree (timestamps as ISO-8601 text), or an empty object
 */
public record AwsOperation(String name, Operation iam, Function<ObjectNode, Optional<Resource>> resource,
                           Handler handler) {

    /** The resource a call acts on: its ARN and CloudTrail's type for it. */
    public record Resource(String arn, String type) { }

    /** Answers a call; throws {@link AwsError} (or an exception the service's translator knows) to refuse it. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(ObjectNode input);
    }
}
