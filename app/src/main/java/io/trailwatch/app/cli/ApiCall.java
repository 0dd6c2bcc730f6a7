package io.trailwatch.app.cli;

import io.trailwatch.schemas.text.Printable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.http.QueryString;
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
 * One call of an API operation from the CLI, the only way commands reach the HTTP API, reported as the AWS CLI
 * does: the response as indented JSON on standard output, or "An error occurred (Code) when calling the Operation
 * operation: ..." on standard error. Exit codes: 0 done; 2 the request was refused (4xx: invalid, or naming
 * something that does not exist), which the user fixes; 1 Trailwatch could not answer (unreachable, 5xx).
 */
public final class ApiCall {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Recorded as the userAgent of each call on the trail. */
    private static final String USER_AGENT = "trailwatch-cli/0.1.0 java/" + System.getProperty("java.version");
    /** The SigV4 service name of Trailwatch's native API. */
    private static final String SIGNING_SERVICE = "trailwatch";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String operation;
    private final EndpointOptions endpoint;
    private final CommandLine.Model.CommandSpec spec;
    private final Map<String, String> optionOfField;

    public ApiCall(final String operation, final EndpointOptions endpoint, final CommandLine.Model.CommandSpec spec) {
        this(operation, endpoint, spec, Map.of());
    }

    /**
     * @param optionOfField the command's option for an API field, named in error messages instead of the field
     *                      when the user set it through that option
     */
    public ApiCall(final String operation, final EndpointOptions endpoint, final CommandLine.Model.CommandSpec spec,
                   final Map<String, String> optionOfField) {
        this.operation = operation;
        this.endpoint = endpoint;
        this.spec = spec;
        this.optionOfField = Map.copyOf(optionOfField);
    }

    /** The answer of a call; a failure has been reported and carries its exit code. */
    public record Answer(int exitCode, JsonNode body) {
        public boolean ok() {
            return exitCode == CommandLine.ExitCode.OK;
        }
    }

    public Answer get(final String path) {
        return send("GET", path, null);
    }

    public Answer put(final String path, final JsonNode body) {
        return send("PUT", path, body);
    }

    public Answer post(final String path, final JsonNode body) {
        return send("POST", path, body);
    }

    public Answer delete(final String path) {
        return send("DELETE", path, null);
    }

    /** Prints a successful answer's body as the AWS CLI prints JSON (4-space indentation); returns the exit code. */
    public int print(final Answer answer) {
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
    public int invalid(final String message) {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("An error occurred (ValidationError) when calling the " + operation + " operation: " + message);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code path?name=value&...} (see {@link QueryString#of}). */
    public static String path(final String path, final Map<String, List<String>> query) {
        return path + QueryString.of(query);
    }

    /** A single-valued parameter for {@link #path}; null leaves it out. */
    public static List<String> one(final String value) {
        return value == null ? null : List.of(value);
    }

    /** A name as one path segment. */
    /** A command's operation as errors name it: {@code put-metric-filter} is PutMetricFilter. */
    public static String operation(final String commandName) {
        final StringBuilder operation = new StringBuilder();
        for (final String word : commandName.split("-")) {
            if (!word.isEmpty()) {
                operation.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        return operation.toString();
    }

    public static String segment(final String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A GET whose answer is a stream of lines (server-sent events): each line goes to {@code lines} as it comes,
     * until the server ends the stream or {@code lines} answers false. Without a timeout, as a stream is long.
     */
    public Answer stream(final String path, final java.util.function.Predicate<String> lines) {
        final Signed request = request("GET", path, null, null);
        if (request.failure() != null) {
            return request.failure();
        }
        try {
            final HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(request.request(),
                HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() / 100 != 2) {
                return answered(response.statusCode(), response.body().collect(
                    java.util.stream.Collectors.joining("\n")));
            }
            try (java.util.stream.Stream<String> body = response.body()) {
                final java.util.Iterator<String> each = body.iterator();
                while (each.hasNext()) {
                    if (!lines.test(each.next())) {
                        break;
                    }
                }
            }
            return new Answer(CommandLine.ExitCode.OK, JSON.nullNode());
        } catch (final IOException | java.io.UncheckedIOException e) {
            return unreachable(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(CommandLine.ExitCode.SOFTWARE, "interrupted");
        }
    }

    private Answer send(final String method, final String path, final JsonNode body) {
        final Signed request = request(method, path, body, TIMEOUT);
        if (request.failure() != null) {
            return request.failure();
        }
        final HttpResponse<String> response;
        try {
            response = HTTP.send(request.request(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            return unreachable(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(CommandLine.ExitCode.SOFTWARE, "interrupted");
        }
        return answered(response.statusCode(), response.body());
    }

    /** A signed request, or (request null) the failure reported instead. */
    private record Signed(HttpRequest request, Answer failure) {
    }

    private Signed request(final String method, final String path, final JsonNode body, final Duration timeout) {
        final CallerCredentials.Found found = endpoint.credentials.resolve();
        if (found.credentials() == null) {
            return new Signed(null, failed(CommandLine.ExitCode.USAGE, found.problem()));
        }
        try {
            final URI uri = URI.create(endpoint.endpoint() + path);
            final String text = body == null ? null : body.toString();
            final HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
            if (timeout != null) {
                builder.timeout(timeout);
            }
            return new Signed(new RequestSigner(found.credentials(), SIGNING_SERVICE, endpoint.region)
                .sign(builder, method, uri, Map.of("Content-Type", "application/json"), text).build(), null);
        } catch (final IllegalArgumentException notUrl) {
            return new Signed(null, failed(CommandLine.ExitCode.USAGE, "--endpoint: not an http(s) URL: "
                + endpoint.endpoint()));
        }
    }

    private Answer unreachable(final Exception e) {
        return failed(CommandLine.ExitCode.SOFTWARE, "cannot reach Trailwatch at " + endpoint.endpoint() + " ("
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + "); is it running? See --endpoint");
    }

    private Answer answered(final int status, final String text) {
        final JsonNode answer = parse(text);
        if (status / 100 == 2) {
            return new Answer(CommandLine.ExitCode.OK, answer);
        }
        final String code = answer.path("error").asText("HTTP " + status);
        final String field = answer.path("field").asText(null);
        final String message = answer.path("message").asText(text);
        final PrintWriter err = spec.commandLine().getErr();
        // The API's message may already name the field ("field 'Period': ..."); it is then printed as is.
        // The answer may echo stored names and values: printed escaped, it cannot forge lines or escape codes.
        err.println(Printable.escape("An error occurred (" + code + ") when calling the " + operation + " operation: "
            + (field == null || message.contains("field '" + field + "'") ? ""
                : optionOfField.getOrDefault(field, field) + ": ") + message));
        err.flush();
        return new Answer(status / 100 == 4 ? CommandLine.ExitCode.USAGE
            : CommandLine.ExitCode.SOFTWARE, answer);
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
