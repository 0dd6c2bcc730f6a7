package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch lookup-events}: the AWS CLI's {@code aws cloudtrail lookup-events}, against Trailwatch's API. */
@Command(name = "lookup-events", mixinStandardHelpOptions = true,
    description = {"Look up events in the event history (CloudTrail LookupEvents), newest first, through a running "
        + "Trailwatch's HTTP API (GET /v1/events).",
        "Lookup attributes: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, "
            + "AccessKeyId, and Trailwatch's SourceIPAddress, ErrorCode, AccountId, AwsRegion. Unlike CloudTrail, any "
            + "number of them may be combined; all must hold.",
        "Prints one page; when there are more, the answer has a NextToken to pass with --next-token. Invalid "
            + "parameters: message and exit code 2."})
public final class LookupEventsCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API's parameter names as this command's options, for error messages. */
    private static final Map<String, String> OPTION_OF = Map.of("startTime", "--start-time", "endTime", "--end-time",
        "maxResults", "--max-results", "nextToken", "--next-token");

    /** Output formats, named as the AWS CLI's. */
    public enum Output { json, table }

    @Option(names = "--lookup-attributes", arity = "1..*", paramLabel = "AttributeKey=KEY,AttributeValue=VALUE",
        description = "Events having this attribute value (repeat, or list several, to require all; JSON as the AWS "
            + "CLI takes it works too).")
    List<String> lookupAttributes = new ArrayList<>();

    @Option(names = "--start-time", paramLabel = "TIME",
        description = "Events at or after this time: ISO 8601 (2026-11-21T10:00:00Z) or epoch seconds.")
    String startTime;

    @Option(names = "--end-time", paramLabel = "TIME", description = "Events at or before this time.")
    String endTime;

    @Option(names = "--max-results", paramLabel = "N", description = "Events per page: 1 to 50 (default 50).")
    Integer maxResults;

    @Option(names = "--next-token", paramLabel = "TOKEN", description = "Continue after the page that returned it.")
    String nextToken;

    @Option(names = "--output", defaultValue = "json", paramLabel = "FORMAT",
        description = "json or table (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:TRAILWATCH_ENDPOINT:-http://localhost:8080}",
        description = "Trailwatch's HTTP API (env TRAILWATCH_ENDPOINT; default: ${DEFAULT-VALUE}).")
    String endpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final PrintWriter err = spec.commandLine().getErr();
        final List<String> parameters = new ArrayList<>();
        try {
            for (final Map.Entry<String, String> attribute : LookupAttributes.parse(lookupAttributes)) {
                parameters.add(parameter(attribute.getKey(), attribute.getValue()));
            }
        } catch (final IllegalArgumentException e) {
            err.println("trailwatch lookup-events: --lookup-attributes: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        addIfSet(parameters, "startTime", startTime);
        addIfSet(parameters, "endTime", endTime);
        addIfSet(parameters, "maxResults", maxResults == null ? null : maxResults.toString());
        addIfSet(parameters, "nextToken", nextToken);
        final URI uri;
        try {
            uri = URI.create(endpoint.replaceAll("/+$", "") + "/v1/events"
                + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters)));
        } catch (final IllegalArgumentException e) {
            err.println("trailwatch lookup-events: --endpoint: not a URL: " + endpoint);
            return CommandLine.ExitCode.USAGE;
        }
        final HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException | IllegalArgumentException e) {
            err.println("trailwatch lookup-events: cannot reach Trailwatch at " + endpoint + ": " + e);
            return CommandLine.ExitCode.SOFTWARE;
        }
        return answer(response);
    }

    private int answer(final HttpResponse<String> response) {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (final JsonProcessingException e) {
            err.println("trailwatch lookup-events: HTTP " + response.statusCode() + " from " + endpoint + ": "
                + response.body());
            return CommandLine.ExitCode.SOFTWARE;
        }
        if (response.statusCode() == 400) {
            final String field = body.path("field").asText("");
            err.println("trailwatch lookup-events: " + OPTION_OF.getOrDefault(field,
                field.isEmpty() ? "" : "--lookup-attributes " + field) + ": " + body.path("message").asText());
            return CommandLine.ExitCode.USAGE;
        }
        if (response.statusCode() != 200) {
            err.println("trailwatch lookup-events: HTTP " + response.statusCode() + ": "
                + body.path("message").asText(response.body()));
            return CommandLine.ExitCode.SOFTWARE;
        }
        if (output == Output.table) {
            EventsTable.print(body, out);
        } else {
            out.println(body.toPrettyString());
            out.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    private static void addIfSet(final List<String> parameters, final String name, final String value) {
        if (value != null) {
            parameters.add(parameter(name, value));
        }
    }

    private static String parameter(final String name, final String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
