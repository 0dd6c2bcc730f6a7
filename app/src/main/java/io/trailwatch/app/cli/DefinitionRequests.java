package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Requests of the commands that manage definitions (metric filters, rules) through the HTTP API. */
final class DefinitionRequests {

    static final ObjectMapper JSON = new ObjectMapper();

    private DefinitionRequests() {
    }

    static HttpRequest.Builder put(final ApiOptions api, final String path, final JsonNode body) {
        return HttpRequest.newBuilder(URI.create(api.endpoint() + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    static HttpRequest.Builder delete(final ApiOptions api, final String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.endpoint() + pathAndQuery)).DELETE();
    }

    /** A name as one path segment. */
    static String segment(final String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Where the answer goes for commands that, like their AWS CLI namesakes, print nothing on success. */
    static PrintWriter nowhere() {
        return new PrintWriter(Writer.nullWriter());
    }
}
