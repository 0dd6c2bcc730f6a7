package io.trailwatch.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch describe-rule}, as {@code aws events describe-rule}. */
@Command(name = "describe-rule", mixinStandardHelpOptions = true,
    description = "Show a rule as JSON: Name, Arn, EventPattern, State, Description, EventBusName, TargetTopic.")
public final class DescribeRuleCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
    String name;

    @Mixin
    ApiOptions api;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return new ApiClient(api).getAndPrint("/v1/rules/" + DefinitionRequests.segment(name),
            spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
