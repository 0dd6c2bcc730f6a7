package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch put-rule}, as {@code aws events put-rule} with the rule's one target, a Kafka topic. */
@Command(name = "put-rule", mixinStandardHelpOptions = true,
    description = {"Create or update an event rule: audit events and alarm state changes, in their EventBridge "
        + "envelopes, that match the event pattern go to the target topic (created when missing). Prints "
        + "{\"RuleArn\": ...}; a pattern the engine rejects is reported with its reason (exit code 2).",
        "Example: trailwatch put-rule --name RootActivity --event-pattern "
            + "'{\"detail-type\":[\"AWS API Call via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}' "
            + "--target-topic security.remediation"})
public final class PutRuleCommand extends DefinitionCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
    String name;

    @Option(names = "--event-pattern", required = true, paramLabel = "JSON", description = "EventBridge event pattern.")
    String eventPattern;

    @Option(names = "--target-topic", required = true, paramLabel = "TOPIC",
        description = "Kafka topic that receives each matching event as EventBridge JSON.")
    String targetTopic;

    @Option(names = "--state", paramLabel = "STATE", description = "ENABLED (default) or DISABLED.")
    String state;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the rule is for.")
    String description;

    @Override
    public Integer call() {
        final ObjectNode body = JSON.createObjectNode()
            .put("Name", name)
            .put("EventPattern", eventPattern)
            .put("TargetTopic", targetTopic);
        if (state != null) {
            body.put("State", state);
        }
        if (description != null) {
            body.put("Description", description);
        }
        return put("/v1/rules/" + ApiCall.segment(name), body, true);
    }
}
