package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.schemas.json.InvalidRecordException;
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

    /**
     * From {@code logGroupName}, or {@code logGroupIdentifier} (a name or an ARN) where the operation takes one;
     * empty when the input names no group: the operation then refuses it, naming the member.
     */
    Optional<AwsOperation.Resource> of(final ObjectNode input) {
        final JsonNode name = input.get("logGroupName");
        if (name != null && name.isTextual()) {
            return Optional.of(new AwsOperation.Resource(arn(name.asText()), TYPE));
        }
        final JsonNode identifier = input.get(LogGroupIdentifier.MEMBER);
        if (identifier == null || !identifier.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AwsOperation.Resource(arn(LogGroupIdentifier.name(identifier.asText(), names)),
                TYPE));
        } catch (final InvalidRecordException notAGroup) {
            return Optional.empty(); // the operation refuses it, naming the member
        }
    }

    String arn(final String logGroupName) {
        return names.logGroup(logGroupName);
    }
}
