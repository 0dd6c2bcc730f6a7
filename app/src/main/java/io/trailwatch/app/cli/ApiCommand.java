package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * A command that calls Trailwatch's HTTP API, like the AWS CLI calls AWS: the API validates, and answers in
 * AWS's JSON. Exit codes: 0 done, 2 the request was invalid (the message names the field and the reason), 1 the
 * API could not be reached or answered otherwise (e.g. not found).
 */
abstract class ApiCommand implements Callable<Integer> {

    @Option(names = "--endpoint", paramLabel = "URL",
        defaultValue = "${env:TRAILWATCH_ENDPOINT:-http://localhost:8080}",
        description = "Trailwatch's HTTP API (env TRAILWATCH_ENDPOINT; default: ${DEFAULT-VALUE}).")
    String endpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Does the call; returns what to print as JSON, or null to print nothing. */
    abstract JsonNode call(ApiClient api) throws IOException, InterruptedException;

    @Override
    public final Integer call() throws Exception {
        final String command = "trailwatch " + spec.name();
        try {
            final JsonNode result = call(new ApiClient(endpoint));
            if (result != null && !result.isNull()) {
                spec.commandLine().getOut().println(pretty(result));
            }
            return CommandLine.ExitCode.OK;
        } catch (final ApiClient.ApiException e) {
            spec.commandLine().getErr().println(command + ": " + e.getMessage());
            return e.status() == 400 ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        } catch (final ConnectException e) {
            spec.commandLine().getErr().println(command + ": cannot reach Trailwatch at " + endpoint
                + " (start it with: trailwatch up; or set --endpoint / TRAILWATCH_ENDPOINT)");
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** A usage error found before calling the API: message and exit code 2. */
    final CommandLine.ParameterException invalid(final String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static String pretty(final JsonNode json) throws JsonProcessingException {
        return ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }
}
