package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch list-rules}, as {@code aws events list-rules}. */
@Command(name = "list-rules", mixinStandardHelpOptions = true, description = "List rules as JSON: {\"Rules\": [...]}.")
public final class ListRulesCommand extends ApiCommand {

    @Option(names = "--name-prefix", paramLabel = "PREFIX", description = "Only rules whose name starts so.")
    String namePrefix;

    @Override
    JsonNode call(final ApiClient api) throws IOException, InterruptedException {
        final Map<String, String> query = new HashMap<>();
        query.put("namePrefix", namePrefix);
        return api.get("/v1/rules", query);
    }
}
