package io.trailwatch.app.cli;

import io.trailwatch.app.http.QueryString;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch list-rules}, as {@code aws events list-rules}. */
@Command(name = "list-rules", mixinStandardHelpOptions = true, description = "List rules as JSON: {\"Rules\": [...]}.")
public final class ListRulesCommand extends DefinitionCommand {

    @Option(names = "--name-prefix", paramLabel = "PREFIX", description = "Only rules whose name starts so.")
    String namePrefix;

    @Override
    public Integer call() {
        final String query = namePrefix == null ? "" : QueryString.of(Map.of("namePrefix", List.of(namePrefix)));
        return get("/v1/rules" + query);
    }
}
