package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-rule}, as {@code aws events describe-rule}. */
@Command(name = "describe-rule", mixinStandardHelpOptions = true,
    description = "Show a rule as JSON: Name, Arn, EventPattern, State, Description, EventBusName, TargetTopic.")
public final class DescribeRuleCommand extends ApiCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
    String name;

    @Override
    JsonNode call(final ApiClient api) throws IOException, InterruptedException {
        return api.get("/v1/rules/" + ApiClient.segment(name), Map.of());
    }
}
