package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.identity.ResourceNames;
import java.util.Optional;

/**
 * The log group a CloudWatch Logs call acts on, from its {@code logGroupName}: what IAM authorizes it on and
 * CloudTrail records it against, as AWS does for the log group, log stream and metric filter operations.
 */
final class LogGroupResource {

    static final String TYPE = "AWS::Logs::LogGroup";

    private final ResourceNames names;

    LogGroupResource(final ResourceNames names) {
        this.names = names;
    }

    /** Empty when the input names no group: the operation then refuses it, naming the member. */
    Optional<AwsOperation.Resource> of(final ObjectNode input) {
        final JsonNode name = input.get("logGroupName");
        return name != null && name.isTextual()
            ? Optional.of(new AwsOperation.Resource(arn(name.asText()), TYPE)) : Optional.empty();
    }

    String arn(final String logGroupName) {
        return names.logGroup(logGroupName);
    }
}
