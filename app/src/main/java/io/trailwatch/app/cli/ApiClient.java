package io.trailwatch.app.cli;

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
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Calls the HTTP API for a command and prints its JSON answer. A 4xx answer is the user's input to fix: its message
 * is printed and the exit code is 2; an unreachable or failing server gives exit code 1.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ApiClient(final ApiOptions options) {
        this.endpoint = options.endpoint();
    }

    /**
     * A query string from parameters ({@code ?a=1&b=2}, or empty); each list value becomes a repeated parameter,
     * and a null list leaves its parameter out.
     */
    public static String query(final Map<String, List<String>> params) {
        final StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> query.append(query.length() == 0 ? '?' : '&')
                    .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            }
        });
        return query.toString();
    }

    /** A single-valued parameter for {@link #query}; null leaves it out. */
    public static List<String> one(final String value) {
        return value == null ? null : List.of(value);
    }

    /** GETs the path and prints the pretty-printed JSON answer; returns the exit code. */
    public int getAndPrint(final String pathAndQuery, final PrintWriter out, final PrintWriter err) {
        return send(HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery)).GET(), out, err);
    }

    public int send(final HttpRequest.Builder request, final PrintWriter out, final PrintWriter err) {
        final HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            err.println("trailwatch: cannot reach " + endpoint + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandLine.ExitCode.SOFTWARE;
        }
        final JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            out.println(body.toPrettyString());
            return CommandLine.ExitCode.OK;
        }
        final String field = body.path("field").asText("");
        err.println("trailwatch: " + body.path("error").asText("HTTP " + response.statusCode())
            + (field.isEmpty() ? "" : " (" + field + ")") + ": " + body.path("message").asText(response.body()));
        return response.statusCode() / 100 == 4 ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    private static JsonNode parse(final String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (final IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }
}
