package io.trailwatch.app.cli.alarms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.ApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One call of an API operation from the CLI, reported as the AWS CLI does: the response as indented JSON on
 * standard output, or "An error occurred (Code) when calling the Operation operation: ..." on standard error with
 * exit code 2 for a request Trailwatch rejected as invalid and 1 for anything else.
 */
final class ApiCall {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String operation;
    private final EndpointOptions endpoint;
    private final CommandLine.Model.CommandSpec spec;

    ApiCall(final String operation, final EndpointOptions endpoint, final CommandLine.Model.CommandSpec spec) {
        this.operation = operation;
        this.endpoint = endpoint;
        this.spec = spec;
    }

    /** The answer of a call that succeeded; failures are reported and turned into the exit code. */
    record Answer(int exitCode, JsonNode body) {
        boolean ok() {
            return exitCode == CommandLine.ExitCode.OK;
        }
    }

    Answer get(final String path) {
        return send("GET", path, null);
    }

    Answer put(final String path, final JsonNode body) {
        return send("PUT", path, body);
    }

    Answer post(final String path, final JsonNode body) {
        return send("POST", path, body);
    }

    Answer delete(final String path) {
        return send("DELETE", path, null);
    }

    /** Prints a successful answer's body as the AWS CLI prints JSON (4-space indentation). */
    int print(final Answer answer) {
        if (answer.ok()) {
            final DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"));
            try {
                spec.commandLine().getOut().println(JSON.writer(printer).writeValueAsString(answer.body()));
            } catch (final JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            spec.commandLine().getOut().flush();
        }
        return answer.exitCode();
    }

    /** A usage error found before calling: reported like the API's own validation errors. */
    int invalid(final String message) {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("An error occurred (ValidationError) when calling the " + operation + " operation: " + message);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code path?name=value&...} with each value URL-encoded; null values are left out. */
    static String path(final String path, final Map<String, List<String>> query) {
        return path + ApiClient.query(query);
    }

    static String segment(final String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(final String method, final String path, final JsonNode body) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.endpoint() + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
        final HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            return failed(CommandLine.ExitCode.SOFTWARE, "cannot reach Trailwatch at " + endpoint.endpoint() + " ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "); is it running? See --endpoint");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(CommandLine.ExitCode.SOFTWARE, "interrupted");
        }
        final JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return new Answer(CommandLine.ExitCode.OK, answer);
        }
        final String code = answer.path("error").asText("HTTP " + response.statusCode());
        final String field = answer.path("field").asText(null);
        final String message = answer.path("message").asText(response.body());
        final PrintWriter err = spec.commandLine().getErr();
        // The API's message may already name the field ("field 'Period': ..."); it is then printed as is.
        err.println("An error occurred (" + code + ") when calling the " + operation + " operation: "
            + (field == null || message.contains(field) ? "" : field + ": ") + message);
        err.flush();
        return new Answer(response.statusCode() == 400 ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE,
            answer);
    }

    private Answer failed(final int exitCode, final String message) {
        spec.commandLine().getErr().println("trailwatch " + spec.name() + ": " + message);
        spec.commandLine().getErr().flush();
        return new Answer(exitCode, JSON.nullNode());
    }

    private static JsonNode parse(final String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (final JsonProcessingException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }
}
