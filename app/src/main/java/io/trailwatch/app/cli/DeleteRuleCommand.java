package io.trailwatch.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch delete-rule}, as {@code aws events delete-rule}. */
@Command(name = "delete-rule", mixinStandardHelpOptions = true,
    description = "Delete a rule; exit code 2 when there is no rule of that name.")
public final class DeleteRuleCommand extends DefinitionCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
    String name;

    @Override
    public Integer call() {
        return delete("/v1/rules/" + ApiCall.segment(name));
    }
}
