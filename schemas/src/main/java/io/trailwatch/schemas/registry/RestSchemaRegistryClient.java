package io.trailwatch.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST protocol, spoken by Confluent Schema Registry,
 * Apicurio ({@code /apis/ccompat/v7}), Karapace and Redpanda alike.
 *
 * <p>Schemas are immutable once registered, so ids and schemas are cached for the life of the client;
 * a serde therefore calls the registry once per schema, not once per record.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) { }

    /**
     * @param baseUrl  registry URL, e.g. {@code http://localhost:8081} or {@code http://host:8080/apis/ccompat/v7}
     * @param userInfo {@code user:password} for HTTP basic auth, or null
     */
    public RestSchemaRegistryClient(final String baseUrl, final String userInfo, final Duration timeout) {
        this(baseUrl, userInfo == null || userInfo.isBlank() ? null
            : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)), null, timeout);
    }

    /**
     * @param authorization the Authorization header (basic or bearer), or null
     * @param tls           the TLS context trusting the registry's certificate, or null for the JVM's default
     */
    public RestSchemaRegistryClient(final String baseUrl, final String authorization,
                                    final javax.net.ssl.SSLContext tls, final Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = authorization;
        this.timeout = timeout;
        final HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        if (tls != null) {
            http.sslContext(tls);
        }
        this.http = http.build();
    }

    public RestSchemaRegistryClient(final String baseUrl) {
        this(baseUrl, null, Duration.ofSeconds(10));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * {@inheritDoc}
     *
     * <p>When the registry cannot be reached (or fails, HTTP 5xx) and this client already knows the schema's global id
     * under another subject, that id is returned, not cached: a record written with it reads back the same, and the
     * subject is registered by a later call once the registry answers. A stream thread writing a repartition or
     * changelog topic for the first time during a registry outage thus goes on instead of dying.
     */
    @Override
    public int register(final String subject, final Schema schema) {
        try {
            return registerUnderSubject(subject, schema);
        } catch (final SchemaRegistryException e) {
            return knownIdIfUnavailable(e, schema);
        }
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        try {
            return idUnderSubject(subject, schema);
        } catch (final SchemaRegistryException e) {
            return knownIdIfUnavailable(e, schema);
        }
    }

    private int knownIdIfUnavailable(final SchemaRegistryException failure, final Schema schema) {
        if (failure.httpStatus() != -1 && failure.httpStatus() < 500) {
            throw failure;
        }
        return idsBySubjectSchema.entrySet().stream().filter(entry -> entry.getKey().schema().equals(schema))
            .map(Map.Entry::getValue).findFirst().orElseThrow(() -> failure);
    }

    private int registerUnderSubject(final String subject, final Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            final JsonNode reply = registerOrFind(subject, schema);
            final int id = reply.path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("registry returned no id registering subject " + subject, 200, -1);
            }
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    /**
     * Registers the schema; when another client registered the subject's first version at the same moment, Apicurio
     * answers 409 "already exists" instead of the id (Confluent's registry answers the id): the schema is then looked
     * up, and an incompatible one is still refused by that lookup.
     */
    private JsonNode registerOrFind(final String subject, final Schema schema) {
        try {
            return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        } catch (final SchemaRegistryException e) {
            if (e.httpStatus() != 409 || e.getMessage() == null || !e.getMessage().contains("already exists")) {
                throw e;
            }
            return send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        }
    }

    private int idUnderSubject(final String subject, final Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            final JsonNode reply = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
            final int id = reply.path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("registry returned no id for a schema of subject " + subject, 200, -1);
            }
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(final int id) {
        // Asked once per record consumed: a plain read, lock-free, before computeIfAbsent (which may lock the bin).
        final Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        return schemasById.computeIfAbsent(id, key -> {
            final JsonNode reply = send("GET", "/schemas/ids/" + id, null);
            final String text = reply.path("schema").asText(null);
            if (text == null) {
                throw new SchemaRegistryException("registry returned no schema for id " + id, 200, -1);
            }
            return new Schema.Parser().parse(text);
        });
    }

    @Override
    public void setCompatibility(final String subject, final CompatibilityLevel level) {
        final ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body.toString());
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        try {
            final JsonNode reply = send("POST",
                "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
            return reply.path("is_compatible").asBoolean(false);
        } catch (final SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                return true; // no version yet: anything is compatible with nothing
            }
            throw e;
        }
    }

    @Override
    public void close() {
        // HttpClient on Java 17 has no close(); its threads are daemons and end with their last request.
    }

    private static String schemaBody(final Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(final String method, final String path, final String body) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Accept", CONTENT_TYPE + ", application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        final HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new SchemaRegistryException("schema registry at " + baseUrl + " unreachable: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted calling schema registry at " + baseUrl, e);
        }
        final JsonNode reply = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(method + " " + path + " failed with HTTP " + response.statusCode()
                + ": " + reply.path("message").asText(response.body()),
                response.statusCode(), reply.path("error_code").asInt(-1));
        }
        return reply;
    }

    private static JsonNode parse(final String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (final IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }
}
