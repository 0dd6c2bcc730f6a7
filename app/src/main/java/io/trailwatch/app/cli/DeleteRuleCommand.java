package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch delete-rule}, as {@code aws events delete-rule}. */
@Command(name = "delete-rule", mixinStandardHelpOptions = true,
    description = "Delete a rule; exit code 1 when there is no rule of that name.")
public final class DeleteRuleCommand extends ApiCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
    String name;

    @Override
    JsonNode call(final ApiClient api) throws IOException, InterruptedException {
        api.delete("/v1/rules/" + ApiClient.segment(name), Map.of());
        return null;
    }
}
