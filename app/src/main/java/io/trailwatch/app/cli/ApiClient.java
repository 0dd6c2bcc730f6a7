package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The CLI's client of Trailwatch's HTTP API: JSON in, JSON out, errors as {@link ApiException}. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(final String endpoint) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** An error answer: the HTTP status and the API's message, field-qualified when the API named a field. */
    static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(final int status, final String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    JsonNode get(final String path, final Map<String, String> query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    JsonNode put(final String path, final JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
            .header("Content-Type", "application/json"));
    }

    JsonNode delete(final String path, final Map<String, String> query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, query)).DELETE());
    }

    private URI uri(final String path, final Map<String, String> query) {
        final String parameters = query.entrySet().stream()
            .filter(entry -> entry.getValue() != null)
            .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return URI.create(endpoint + path + (parameters.isEmpty() ? "" : "?" + parameters));
    }

    static String segment(final String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(final HttpRequest.Builder request) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
        final String body = response.body();
        if (response.statusCode() / 100 == 2) {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }
        throw new ApiException(response.statusCode(), errorMessage(response.statusCode(), body));
    }

    private static String errorMessage(final int status, final String body) {
        try {
            final JsonNode error = JSON.readTree(body);
            final String field = error.path("field").asText("");
            return error.path("error").asText("HTTP " + status) + ": " + (field.isEmpty() ? "" : field + ": ")
                + error.path("message").asText(body);
        } catch (final IOException e) {
            return "HTTP " + status + ": " + body;
        }
    }
}
