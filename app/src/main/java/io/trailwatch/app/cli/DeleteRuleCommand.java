package io.trailwatch.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch delete-rule}, as {@code aws events delete-rule}. */
@Command(name = "delete-rule", mixinStandardHelpOptions = true,
    description = "Delete a rule; exit code 2 when there is no rule of that name.")
public final class DeleteRuleCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
    String name;

    @Mixin
    ApiOptions api;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return new ApiClient(api).send(DefinitionRequests.delete(api, "/v1/rules/" + DefinitionRequests.segment(name)),
            DefinitionRequests.nowhere(), spec.commandLine().getErr());
    }
}
