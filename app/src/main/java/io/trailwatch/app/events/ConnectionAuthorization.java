package io.trailwatch.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The header a connection puts on each invocation: the API key's, HTTP Basic's, or an OAuth bearer token fetched
 * with the client credentials grant (RFC 6749 4.4: the client id and secret as HTTP Basic, {@code
 * grant_type=client_credentials}) and kept until 60 seconds before it expires, or until the endpoint answers 401 or
 * 407 ({@link #forget}), as EventBridge refreshes it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection-auth.html). No secret or token is
 * ever part of a failure's reason.
 */
final class ConnectionAuthorization {

    /** Why no header could be made now; another attempt may succeed. */
    static final class Unavailable extends Exception {
        Unavailable(final String reason) {
            super(reason);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** EventBridge refreshes a token that expires within this. */
    private static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);
    /** A token response without expires_in: kept this long (RFC 6749 leaves it to the server). */
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private record Token(String value, Instant expires) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    /** By connection, and its creation time: a connection deleted and made again gets a new token. */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    ConnectionAuthorization(final Duration timeout, final Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The header's name and value. */
    Map.Entry<String, String> header(final ConnectionDefinition connection) throws Unavailable,
        InterruptedException {
        if (connection.apiKey() != null) {
            return Map.entry(connection.apiKey().apiKeyName().trim(), connection.apiKey().apiKeyValue());
        }
        if (connection.basic() != null) {
            return Map.entry("Authorization", basic(connection.basic().username(), connection.basic().password()));
        }
        return Map.entry("Authorization", "Bearer " + token(connection));
    }

    /** Drops the connection's token: the endpoint refused it (401, 407), the next attempt fetches another. */
    void forget(final ConnectionDefinition connection) {
        tokens.remove(key(connection));
    }

    private String token(final ConnectionDefinition connection) throws Unavailable, InterruptedException {
        final Token cached = tokens.get(key(connection));
        if (cached != null && clock.instant().plus(REFRESH_BEFORE).isBefore(cached.expires())) {
            return cached.value();
        }
        final Token fetched = fetch(connection.oauth());
        tokens.put(key(connection), fetched);
        return fetched.value();
    }

    private Token fetch(final ConnectionDefinition.OAuth oauth) throws Unavailable, InterruptedException {
        final String form = "grant_type=client_credentials";
        final boolean get = "GET".equals(oauth.httpMethod());
        final HttpRequest request = HttpRequest.newBuilder(URI.create(get
                ? oauth.authorizationEndpoint() + (oauth.authorizationEndpoint().contains("?") ? "&" : "?") + form
                : oauth.authorizationEndpoint()))
            .timeout(timeout)
            .header("Authorization", basic(oauth.clientId(), oauth.clientSecret()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .method(oauth.httpMethod(), get ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form))
            .build();
        final Instant asked = clock.instant();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                // the body is left out: a token endpoint's error may echo what it was sent
                throw new Unavailable("HTTP " + response.statusCode() + " from the authorization endpoint "
                    + oauth.authorizationEndpoint());
            }
            final JsonNode answer = JSON.readTree(response.body());
            final String token = answer.path("access_token").textValue();
            if (token == null || token.isEmpty()) {
                throw new Unavailable("no access_token in the answer of " + oauth.authorizationEndpoint());
            }
            final Duration lifetime = answer.path("expires_in").canConvertToLong()
                ? Duration.ofSeconds(answer.path("expires_in").asLong()) : DEFAULT_LIFETIME;
            return new Token(token, asked.plus(lifetime));
        } catch (final IOException e) {
            throw new Unavailable(e.getClass().getSimpleName() + " fetching a token from "
                + oauth.authorizationEndpoint());
        }
    }

    private static String key(final ConnectionDefinition connection) {
        return connection.name() + "@" + connection.creationTime();
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8));
    }
}
