package io.trailwatch.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-rule}, as {@code aws events describe-rule}. */
@Command(name = "describe-rule", mixinStandardHelpOptions = true,
    description = "Show a rule as JSON: Name, Arn, EventPattern, State, Description, EventBusName, TargetTopic.")
public final class DescribeRuleCommand extends DefinitionCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
    String name;

    @Override
    public Integer call() {
        return get("/v1/rules/" + ApiCall.segment(name));
    }
}
