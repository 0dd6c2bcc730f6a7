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

    /**
     * What a call acts on: the ARNs of its resources (DeleteAlarms names several; each is authorized) and CloudTrail's
     * type for them.
     */
    public record Resource(java.util.List<String> arns, String type) {

        public Resource {
            arns = java.util.List.copyOf(arns);
            if (arns.isEmpty()) {
                throw new IllegalArgumentException("a resource needs an ARN");
            }
        }

        /** One resource. */
        public Resource(final String arn, final String type) {
            this(java.util.List.of(arn), type);
        }

        /** The first ARN: the resource the call is recorded under when it names one. */
        public String arn() {
            return arns.get(0);
        }
    }

    /** Answers a call; throws {@link AwsError} (or an exception the service's translator knows) to refuse it. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(ObjectNode input);
    }
}
