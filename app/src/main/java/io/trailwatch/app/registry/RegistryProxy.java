package io.trailwatch.app.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.app.http.access.ApiCatalogue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import javax.net.ssl.SSLContext;
import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.schemas.serde.RegistryTls;
import io.trailwatch.schemas.serde.SerdeContext;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry's Confluent REST API, served by Trailwatch's HTTP API at {@value ApiCatalogue#REGISTRY_PREFIX}
 * ({@code schema.registry.url=http://localhost:8080/registry}) in front of a registry that only Trailwatch reaches
 * (the embedded Apicurio listens on loopback). The access control in front of every route has authenticated the
 * caller (HTTP Basic with an access key, as Confluent's clients send {@code basic.auth.user.info}, or SigV4),
 * authorized the operation on the subject ({@code schemaregistry:RegisterSchema} on
 * {@code arn:aws:schemaregistry:<region>:<account>:subject/<name>}) and records the call; this forwards what is
 * left, with Trailwatch's own access, and answers with the registry's status and body, byte for byte.
 *
 * <p>Only the paths Confluent's serializers and tools use are served (see {@link #PATHS}); the registry's other APIs
 * (Apicurio's own, deleting subjects) are not reachable through it. The upstream path is rebuilt from the decoded
 * path parameters the caller was authorized for, each encoded again, so that the subject the registry acts on is
 * the one authorized, whatever encoding the caller used.
 */
public final class RegistryProxy implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryProxy.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Method and path (below the prefix) of each route served; {@code {name}} are path parameters. */
    static final List<String> PATHS = List.of(
        "GET /schemas/ids/{id}",
        "GET /schemas/ids/{id}/versions",
        "GET /schemas/ids/{id}/subjects",
        "GET /subjects",
        "GET /subjects/{subject}/versions",
        "GET /subjects/{subject}/versions/{version}",
        "GET /subjects/{subject}/versions/{version}/schema",
        "POST /subjects/{subject}",
        "POST /subjects/{subject}/versions",
        "POST /compatibility/subjects/{subject}/versions",
        "POST /compatibility/subjects/{subject}/versions/{version}",
        "GET /config",
        "PUT /config",
        "GET /config/{subject}",
        "PUT /config/{subject}");
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, "
        + "application/json";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Confluent's error codes, named for the audit record's errorCode. */
    private static final Map<Integer, String> ERROR_NAMES = Map.of(
        409, "IncompatibleSchema",
        40401, "SubjectNotFound",
        40402, "VersionNotFound",
        40403, "SchemaNotFound",
        40408, "SubjectLevelCompatibilityNotConfigured",
        42201, "InvalidSchema",
        42202, "InvalidVersion",
        42203, "InvalidCompatibilityLevel");

    private final String upstream;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param registryUrl   the registry's Confluent API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}
     * @param authorization the Authorization header Trailwatch itself sends the registry (basic or bearer), or null
     * @param tls           trust for the registry's certificate, or null for the JVM's CAs
     * @param timeout       how long one forwarded request may take
     */
    public RegistryProxy(final String registryUrl, final String authorization, final SSLContext tls,
                         final Duration timeout) {
        this.upstream = registryUrl.replaceAll("/+$", "");
        this.authorization = authorization == null || authorization.isBlank() ? null : authorization;
        this.timeout = timeout;
        final HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5));
        this.http = (tls == null ? client : client.sslContext(tls)).build();
    }

    /**
     * A proxy of the registry at {@code registryUrl} that reaches it as the rest of this process does: with the
     * credentials and trust store the settings registered for that URL ({@link SerdeContext#registerAccess}), so a
     * user's registry that authenticates answers through Trailwatch too.
     */
    public static RegistryProxy forRegistry(final String registryUrl) {
        final AvroSerdeConfig access = SerdeContext.registeredConfig(registryUrl);
        return new RegistryProxy(registryUrl, access.authorization(), access.truststore() == null ? null
            : RegistryTls.trusting(access.truststore(), access.truststorePassword()),
            Duration.ofMillis(access.requestTimeoutMs()));
    }

    /** A proxy of the registry at {@code registryUrl}, which needs no credentials from Trailwatch. */
    public RegistryProxy(final String registryUrl) {
        this(registryUrl, null, null, Duration.ofSeconds(30));
    }

    @Override
    public void register(final RoutesConfig routes) {
        for (final String route : PATHS) {
            final String method = route.substring(0, route.indexOf(' '));
            final String path = route.substring(route.indexOf(' ') + 1);
            final Handler handler = ctx -> forward(ctx, method, upstreamPath(ctx, path));
            final String served = ApiCatalogue.REGISTRY_PREFIX + path;
            switch (method) {
                case "GET" -> routes.get(served, handler);
                case "POST" -> routes.post(served, handler);
                case "PUT" -> routes.put(served, handler);
                default -> throw new IllegalStateException("no route of method " + method);
            }
        }
    }

    /** The path below the registry's URL: the route's, with each path parameter as decoded, encoded again. */
    static String upstreamPath(final Context ctx, final String template) {
        final Matcher parameter = PARAMETER.matcher(template);
        final StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            parameter.appendReplacement(path, Matcher.quoteReplacement(encodeSegment(ctx.pathParam(parameter.group(1)))));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters: a segment stays one segment. */
    static String encodeSegment(final String value) {
        final StringBuilder encoded = new StringBuilder();
        for (final byte b : value.getBytes(StandardCharsets.UTF_8)) {
            final char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private void forward(final Context ctx, final String method, final String path) {
        final String query = ctx.queryString();
        final byte[] body = ctx.bodyAsBytes();
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path
                + (query == null || query.isEmpty() ? "" : "?" + query)))
            .timeout(timeout)
            .header("Accept", header(ctx, "Accept", ACCEPT))
            .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            request.header("Content-Type", header(ctx, "Content-Type", CONTENT_TYPE));
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        final HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (final IOException e) {
            LOG.warn("Schema registry at {} did not answer {} {}: {}", upstream, method, path, e.toString());
            ApiErrors.respond(ctx, HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", null,
                "the schema registry did not answer; try again");
            return;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            ApiErrors.respond(ctx, HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", null,
                "interrupted waiting for the schema registry");
            return;
        }
        if (response.statusCode() >= 400) {
            noteError(ctx, response);
        }
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        ctx.result(response.body());
    }

    private static String header(final Context ctx, final String name, final String otherwise) {
        final String value = ctx.header(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** The registry's refusal, for the call's audit record: Confluent's error code by name, and its message. */
    private static void noteError(final Context ctx, final HttpResponse<byte[]> response) {
        int code = response.statusCode();
        String message = new String(response.body(), StandardCharsets.UTF_8);
        try {
            final JsonNode error = JSON.readTree(response.body());
            if (error != null && error.isObject()) {
                code = error.path("error_code").asInt(code);
                message = error.path("message").asText(message);
            }
        } catch (final IOException notJson) {
            // the registry's text as it is
        }
        AccessControl.answeredByService(ctx, ERROR_NAMES.getOrDefault(code, "SchemaRegistryError" + code),
            message.length() > 1024 ? message.substring(0, 1024) : message);
    }
}
