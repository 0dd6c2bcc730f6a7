package io.trailwatch.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The HTTP API with the given routes on a free port of this process, without Kafka; for tests of request handling. */
public final class InProcessApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpApi api;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private InProcessApi(final HttpApi api) {
        this.api = api;
    }

    public static InProcessApi start(final ApiRoutes... routes) {
        // These tests are about what routes accept; who may call them is AccessIT's subject.
        return new InProcessApi(HttpApi.startWithoutAccessControl("127.0.0.1", 0, List.of(), List.of(routes)));
    }

    /** An answer: its status and, when it is JSON, its body (an error's field and message). */
    public record Answer(int status, String text) {
        public JsonNode json() {
            try {
                return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (final IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        public String field() {
            return json().path("field").asText(null);
        }

        public String message() {
            return json().path("message").asText("");
        }
    }

    public Answer get(final String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    /** Sends the body as given, byte for byte (so that malformed JSON can be sent). */
    public Answer send(final String method, final String pathAndQuery, final String body) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + pathAndQuery))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (final IOException e) {
            throw new AssertionError(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
