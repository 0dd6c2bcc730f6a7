package io.trailwatch.app.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch list-rules}, as {@code aws events list-rules}. */
@Command(name = "list-rules", mixinStandardHelpOptions = true, description = "List rules as JSON: {\"Rules\": [...]}.")
public final class ListRulesCommand implements Callable<Integer> {

    @Option(names = "--name-prefix", paramLabel = "PREFIX", description = "Only rules whose name starts so.")
    String namePrefix;

    @Mixin
    ApiOptions api;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final String query = namePrefix == null ? "" : ApiClient.query(Map.of("namePrefix", List.of(namePrefix)));
        return new ApiClient(api).getAndPrint("/v1/rules" + query, spec.commandLine().getOut(),
            spec.commandLine().getErr());
    }
}
