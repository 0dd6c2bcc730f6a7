package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.app.stack.LocalStack;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.RestSchemaRegistryClient;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema registry as an outsider meets it through Trailwatch's proxy of the Confluent REST API
 * ({@code /registry}), on a whole Trailwatch instance over the real broker and registry: nobody registers anything
 * without an access key; a publisher's key (HTTP Basic, as Confluent's clients send {@code basic.auth.user.info})
 * reads schemas and registers compatible versions of Trailwatch's subjects, and nothing else; the registry's own
 * refusals and answers come through byte for byte; Debian's Python AvroProducer works through it; every call is on
 * the trail.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class RegistryProxyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String MEDIA = "application/vnd.schemaregistry.v1+json";
    private static final String AUDIT_VALUE = "trailwatch.audit-value";
    private static final String PYTHON = "/usr/bin/python3";

    private static LocalStack stack;
    private static TestInfrastructure infrastructure;
    private static TestIdentity identity;
    private static String endpoint;
    private static String proxy;
    private static String direct;
    private static CallerCredentials admin;
    private static CallerCredentials publisher;
    private static String publisherName;
    private static Path scripts;

    @BeforeAll
    static void start() throws Exception {
        infrastructure = TestInfrastructure.get();
        identity = TestIdentity.get();
        final Path dataDir = Files.createTempDirectory("trailwatch-registry-proxy-it");
        identity.shareKeyWith(dataDir);
        final int port = FreePorts.pick();
        stack = new LocalStack().start(new LocalStack.Options(dataDir, infrastructure.bootstrapServers(),
            infrastructure.registryUrl(), 0, 0, "127.0.0.1", port, List.of(), Map.of(
                ProcessorsConfig.APPLICATION_ID, UniqueNames.applicationId("registry-proxy-it"),
                ProcessorsConfig.APPLICATION_SERVER, "127.0.0.1:" + port)));
        assertThat(stack.awaitProcessors(Duration.ofMinutes(2))).isTrue();
        endpoint = "http://127.0.0.1:" + port;
        proxy = endpoint + "/registry";
        direct = infrastructure.registryUrl();
        admin = identity.administrator();
        publisherName = UniqueNames.of("schema-publisher");
        publisher = TestIdentity.credentials(identity.newUser(publisherName, ManagedPolicies.TRAILWATCH_PUBLISHER));
        // As Trailwatch's own serializers do before their first record.
        infrastructure.serdeContext().registry().register(AUDIT_VALUE, AuditEvent.getClassSchema());
        scripts = Files.createTempDirectory("registry-proxy-it-scripts");
        try (InputStream in = RegistryProxyIT.class.getResourceAsStream("/interop/produce_audit_via_registry_proxy.py")) {
            Files.copy(in, scripts.resolve("produce.py"));
        }
        Files.writeString(scripts.resolve("AuditEvent.avsc"), AuditEvent.getClassSchema().toString(true));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void withoutAValidKeyNothingIsRegistered() throws Exception {
        final String outsiderSubject = UniqueNames.of("outsider") + "-value";
        final JsonNode versionsBefore = versions(AUDIT_VALUE);
        final String compatible = schemaBody(withField(UniqueNames.of("anon"), true));
        final NewAccessKey real = identity.newUser(UniqueNames.of("guesser"), ManagedPolicies.ADMINISTRATOR_ACCESS);
        final String keyId = real.key().accessKeyId();
        final Map<String, String[]> attempts = Map.of(
            "none", new String[] {null, "MissingAuthenticationToken"},
            "wrong secret", new String[] {basic(keyId, TestSecrets.otherThan(real.secretAccessKey())),
                "SignatureDoesNotMatch"},
            "unknown key", new String[] {basic("AKIAUNKNOWNKEY000000", real.secretAccessKey()), "InvalidClientTokenId"},
            "no colon", new String[] {"Basic " + Base64.getEncoder().encodeToString(keyId.getBytes()),
                "IncompleteSignature"},
            "not base64", new String[] {"Basic %%%", "IncompleteSignature"},
            "empty secret", new String[] {basic(keyId, ""), "SignatureDoesNotMatch"});
        for (final Map.Entry<String, String[]> attempt : attempts.entrySet()) {
            for (final String subject : List.of(outsiderSubject, AUDIT_VALUE)) {
                final HttpResponse<byte[]> response = call("POST", proxy + "/subjects/" + subject + "/versions",
                    compatible, attempt.getValue()[0]);
                assertThat(response.statusCode()).as(attempt.getKey()).isIn(401, 403);
                assertThat(json(response).path("error").asText()).as(attempt.getKey())
                    .isEqualTo(attempt.getValue()[1]);
            }
        }
        // Basic credentials are for the registry's routes only: the /v1 API still wants a signature.
        final HttpResponse<byte[]> v1 = call("GET", endpoint + "/v1/alarms", null, basic(admin.accessKeyId(),
            admin.secretAccessKey()));
        assertThat(v1.statusCode()).isEqualTo(403);
        // Nor does a refused caller change compatibility.
        assertThat(call("PUT", proxy + "/config", "{\"compatibility\":\"NONE\"}", null).statusCode()).isEqualTo(403);

        final HttpResponse<byte[]> subjects = call("GET", proxy + "/subjects", null, asBasic(admin));
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(json(subjects).toString()).doesNotContain(outsiderSubject);
        assertThat(versions(AUDIT_VALUE)).isEqualTo(versionsBefore);
        assertThat(json(call("GET", proxy + "/config", null, asBasic(admin))).path("compatibilityLevel").asText())
            .isEqualTo("BACKWARD");
    }

    @Test
    void aPublishersKeyReadsSchemasAndRegistersACompatibleVersionOfTrailwatchsSubject() throws Exception {
        final String field = UniqueNames.of("probe").replace('-', '_');
        final String schema = withField(field, true);
        final HttpResponse<byte[]> registered = call("POST", proxy + "/subjects/" + AUDIT_VALUE + "/versions",
            schemaBody(schema), asBasic(publisher));
        assertThat(registered.statusCode()).as(text(registered)).isEqualTo(200);
        final int id = json(registered).path("id").asInt(-1);
        assertThat(id).isPositive();

        // What it registered is the registry's: read back directly from it and through the proxy.
        final HttpResponse<byte[]> byId = call("GET", proxy + "/schemas/ids/" + id, null, asBasic(publisher));
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json(byId).path("schema").asText())).isEqualTo(JSON.readTree(schema));
        assertThat(infrastructure.serdeContext().registry().schemaById(id).getField(field)).isNotNull();
        final HttpResponse<byte[]> lookup = call("POST", proxy + "/subjects/" + AUDIT_VALUE, schemaBody(schema),
            asBasic(publisher));
        assertThat(json(lookup).path("id").asInt()).isEqualTo(id);
        final HttpResponse<byte[]> compatibility = call("POST", proxy + "/compatibility/subjects/" + AUDIT_VALUE
            + "/versions/latest", schemaBody(schema), asBasic(publisher));
        assertThat(json(compatibility).path("is_compatible").asBoolean(false)).isTrue();
        assertThat(call("GET", proxy + "/subjects", null, asBasic(publisher)).statusCode()).isEqualTo(200);
        assertThat(call("GET", proxy + "/config/" + AUDIT_VALUE, null, asBasic(publisher)).statusCode())
            .isEqualTo(200);
        // Trailwatch's own Java client, as a serde configured with schema.registry.url and basic.auth.user.info.
        final RestSchemaRegistryClient javaClient = new RestSchemaRegistryClient(proxy, publisher.accessKeyId() + ":"
            + publisher.secretAccessKey(), Duration.ofSeconds(10));
        final int javaId = javaClient.register(AUDIT_VALUE, new org.apache.avro.Schema.Parser().parse(schema));
        assertThat(infrastructure.serdeContext().registry().schemaById(javaId).getField(field)).isNotNull();
        assertThat(javaClient.schemaById(id).getField(field)).isNotNull();
        // The same key signing with SigV4 reads too.
        assertThat(TestIdentity.send("GET", proxy + "/subjects/" + AUDIT_VALUE + "/versions", null, publisher)
            .statusCode()).isEqualTo(200);

        final List<JsonNode> onTheTrail = Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> events("RegisterSchema", publisherName), found -> found.stream()
                .anyMatch(r -> !r.has("errorCode") && r.toString().contains(field)));
        final JsonNode record = onTheTrail.stream().filter(r -> !r.has("errorCode") && r.toString().contains(field))
            .findFirst().orElseThrow();
        assertThat(record.path("eventSource").asText()).isEqualTo("schemaregistry.trailwatch");
        assertThat(record.at("/userIdentity/accessKeyId").asText()).isEqualTo(publisher.accessKeyId());
        assertThat(record.path("readOnly").asBoolean(true)).isFalse();
        assertThat(record.at("/requestParameters/subject").asText()).isEqualTo(AUDIT_VALUE);
        assertThat(record.at("/resources/0/ARN").asText())
            .isEqualTo("arn:aws:schemaregistry:us-east-1:000000000000:subject/" + AUDIT_VALUE);
    }

    @Test
    void aPublishersKeyRegistersNothingOutsideTrailwatchsSubjectsAndCannotChangeCompatibility() throws Exception {
        final String outside = UniqueNames.of("orders") + "-value";
        final JsonNode alarmsBefore = versions("trailwatch.alarms-value");
        final JsonNode globalBefore = json(call("GET", direct + "/config", null, null));
        final JsonNode subjectBefore = json(call("GET", direct + "/config/" + AUDIT_VALUE, null, null));
        final String schema = schemaBody("{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\","
            + "\"type\":\"string\"}]}");
        for (final String subject : List.of(outside, "trailwatch.alarms-value", "trailwatch.identity-value")) {
            final HttpResponse<byte[]> refused = call("POST", proxy + "/subjects/" + subject + "/versions", schema,
                asBasic(publisher));
            assertThat(refused.statusCode()).as(subject).isEqualTo(403);
            assertThat(json(refused).path("error").asText()).isEqualTo("AccessDenied");
            assertThat(json(refused).path("message").asText()).contains("schemaregistry:RegisterSchema")
                .contains("subject/" + subject);
        }
        // An encoded name is the same subject: authorized as the registry reads it, either way.
        final HttpResponse<byte[]> encodedOutside = call("POST", proxy + "/subjects/" + outside.replace("-", "%2D")
            + "/versions", schema, asBasic(publisher));
        assertThat(encodedOutside.statusCode()).isEqualTo(403);
        final String compatible = withField(UniqueNames.of("encoded").replace('-', '_'), true);
        final HttpResponse<byte[]> encodedOwn = call("POST", proxy + "/subjects/trailwatch%2Eaudit%2Dvalue/versions",
            schemaBody(compatible), asBasic(publisher));
        assertThat(encodedOwn.statusCode()).as(text(encodedOwn)).isEqualTo(200);
        assertThat(json(call("POST", direct + "/subjects/" + AUDIT_VALUE, schemaBody(compatible), null)).path("id")
            .asInt()).isEqualTo(json(encodedOwn).path("id").asInt());
        for (final String config : List.of("/config", "/config/" + AUDIT_VALUE)) {
            final HttpResponse<byte[]> refused = call("PUT", proxy + config, "{\"compatibility\":\"NONE\"}",
                asBasic(publisher));
            assertThat(refused.statusCode()).as(config).isEqualTo(403);
            assertThat(json(refused).path("message").asText()).contains("schemaregistry:PutConfig");
        }
        final HttpResponse<byte[]> subjects = call("GET", proxy + "/subjects", null, asBasic(admin));
        assertThat(json(subjects).toString()).doesNotContain(outside);
        assertThat(versions("trailwatch.alarms-value")).isEqualTo(alarmsBefore);
        assertThat(json(call("GET", direct + "/config", null, null))).isEqualTo(globalBefore);
        assertThat(json(call("GET", direct + "/config/" + AUDIT_VALUE, null, null))).isEqualTo(subjectBefore);

        // A reader reads and registers nothing; an administrator may change a subject's compatibility.
        final CallerCredentials reader = TestIdentity.credentials(identity.newUser(UniqueNames.of("schema-reader"),
            ManagedPolicies.READ_ONLY_ACCESS));
        assertThat(call("GET", proxy + "/subjects/" + AUDIT_VALUE + "/versions", null, asBasic(reader))
            .statusCode()).isEqualTo(200);
        assertThat(call("POST", proxy + "/subjects/" + AUDIT_VALUE + "/versions", schemaBody(withField("r", true)),
            asBasic(reader)).statusCode()).isEqualTo(403);
        assertThat(call("POST", proxy + "/subjects/" + outside + "/versions", schema, asBasic(admin)).statusCode())
            .isEqualTo(200);
        assertThat(call("PUT", proxy + "/config/" + outside, "{\"compatibility\":\"FULL\"}", asBasic(admin))
            .statusCode()).isEqualTo(200);
        assertThat(json(call("GET", direct + "/config/" + outside, null, null)).path("compatibilityLevel").asText())
            .isEqualTo("FULL");

        final List<JsonNode> refusals = Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> events("PutConfig", publisherName), found -> found.size() >= 2);
        assertThat(refusals).allSatisfy(r -> assertThat(r.path("errorCode").asText()).isEqualTo("AccessDenied"));
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysOwn409() throws Exception {
        final JsonNode before = versions(AUDIT_VALUE);
        final String incompatible = schemaBody(withField(UniqueNames.of("required").replace('-', '_'), false));
        final HttpResponse<byte[]> refused = call("POST", proxy + "/subjects/" + AUDIT_VALUE + "/versions",
            incompatible, asBasic(publisher));
        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(409);
        assertThat(json(refused).path("error_code").asInt()).isEqualTo(409);
        final HttpResponse<byte[]> check = call("POST", proxy + "/compatibility/subjects/" + AUDIT_VALUE
            + "/versions/latest", incompatible, asBasic(publisher));
        final HttpResponse<byte[]> checkDirect = call("POST", direct + "/compatibility/subjects/" + AUDIT_VALUE
            + "/versions/latest", incompatible, null);
        assertThat(check.statusCode()).isEqualTo(checkDirect.statusCode());
        assertThat(check.body()).isEqualTo(checkDirect.body());
        assertThat(json(check).path("is_compatible").asBoolean(true)).isFalse();
        assertThat(versions(AUDIT_VALUE)).isEqualTo(before);

        final List<JsonNode> records = Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> events("RegisterSchema", publisherName), found -> found.stream()
                .anyMatch(r -> "IncompatibleSchema".equals(r.path("errorCode").asText())));
        assertThat(records.stream().filter(r -> "IncompatibleSchema".equals(r.path("errorCode").asText()))
            .findFirst().orElseThrow().path("errorMessage").asText()).contains("Incompatible");
    }

    @Test
    void theProxysAnswersAreTheRegistrysByteForByte() throws Exception {
        final int id = infrastructure.serdeContext().registry().register(AUDIT_VALUE, AuditEvent.getClassSchema());
        final String missing = UniqueNames.of("missing") + "-value";
        for (final String path : List.of("/schemas/ids/" + id, "/subjects/" + AUDIT_VALUE + "/versions/1",
            "/subjects/" + AUDIT_VALUE + "/versions/1/schema", "/config", "/config/" + AUDIT_VALUE,
            "/subjects/" + missing + "/versions", "/schemas/ids/987654321", "/config/" + missing)) {
            final HttpResponse<byte[]> proxied = call("GET", proxy + path, null, asBasic(publisher));
            final HttpResponse<byte[]> original = call("GET", direct + path, null, null);
            assertThat(proxied.statusCode()).as(path).isEqualTo(original.statusCode());
            assertThat(text(proxied)).as(path).isEqualTo(text(original));
            assertThat(proxied.body()).as(path).isEqualTo(original.body());
            assertThat(proxied.headers().firstValue("Content-Type")).as(path)
                .isEqualTo(original.headers().firstValue("Content-Type"));
        }
        final String schema = schemaBody(AuditEvent.getClassSchema().toString());
        final HttpResponse<byte[]> proxied = call("POST", proxy + "/subjects/" + AUDIT_VALUE, schema,
            asBasic(publisher));
        final HttpResponse<byte[]> original = call("POST", direct + "/subjects/" + AUDIT_VALUE, schema, null);
        assertThat(proxied.statusCode()).isEqualTo(200).isEqualTo(original.statusCode());
        assertThat(proxied.body()).isEqualTo(original.body());
    }

    @Test
    void debiansPythonAvroProducerPublishesThroughTheProxyWithBasicAuth() throws Exception {
        final String eventId = UUID.randomUUID().toString();
        final String bucket = UniqueNames.of("proxy-bucket");
        final ExternalClient refused = python("produce.py", infrastructure.bootstrapServers(), proxy,
            publisher.accessKeyId() + ":" + TestSecrets.otherThan(publisher.secretAccessKey()),
            scripts.resolve("AuditEvent.avsc").toString(), Topics.AUDIT.name(), bucket, UUID.randomUUID().toString());
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("403");

        final ExternalClient published = python("produce.py", infrastructure.bootstrapServers(), proxy,
            publisher.accessKeyId() + ":" + publisher.secretAccessKey(), scripts.resolve("AuditEvent.avsc").toString(),
            Topics.AUDIT.name(), bucket, eventId);
        assertThat(published.exitCode()).as(published.output()).isZero();
        assertThat(published.output()).contains("published " + eventId);

        // Its schema ids are the registry's: Trailwatch's own deserializer, asking the registry directly, reads it.
        final List<ConsumerRecord<String, AuditEvent>> audit = infrastructure.consumeUntil(Topics.AUDIT,
            read -> read.stream().anyMatch(r -> isEvent(r, eventId)), Duration.ofSeconds(30));
        final AuditEvent decoded = audit.stream().filter(r -> isEvent(r, eventId)).findFirst().orElseThrow().value();
        assertThat(decoded.getUserIdentity().getUserName()).isEqualTo("python-proxy");
        assertThat(decoded.getRequestParameters()).contains(bucket);
    }

    // ---- helpers

    private static boolean isEvent(final ConsumerRecord<String, AuditEvent> record, final String eventId) {
        return record.value() != null && eventId.equals(record.value().getEventID());
    }

    /** AuditEvent's schema with one more field: optional (BACKWARD compatible) or required (not). */
    private static String withField(final String name, final boolean optional) throws IOException {
        final ObjectNode schema = (ObjectNode) JSON.readTree(AuditEvent.getClassSchema().toString());
        final ObjectNode field = ((ArrayNode) schema.path("fields")).addObject().put("name", name);
        if (optional) {
            field.putArray("type").add("null").add("string");
            field.putNull("default");
        } else {
            field.put("type", "string");
        }
        return schema.toString();
    }

    private static String schemaBody(final String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    /** The subject's versions, as the administrator reads them through the proxy. */
    private static JsonNode versions(final String subject) throws Exception {
        final HttpResponse<byte[]> response = call("GET", proxy + "/subjects/" + subject + "/versions", null,
            asBasic(admin));
        assertThat(response.statusCode()).as(text(response)).isIn(200, 404);
        return json(response);
    }

    /** LookupEvents over HTTP as the administrator: the CloudTrail records of the user's calls of that name. */
    private static List<JsonNode> events(final String eventName, final String userName) throws Exception {
        final HttpResponse<String> found = identity.send("GET", endpoint + "/v1/events?EventName=" + eventName
            + "&Username=" + URLEncoder.encode(userName, StandardCharsets.UTF_8) + "&maxResults=50", null);
        if (found.statusCode() != 200) {
            return List.of();
        }
        final List<JsonNode> records = new ArrayList<>();
        for (final JsonNode event : JSON.readTree(found.body()).path("Events")) {
            records.add(JSON.readTree(event.path("CloudTrailEvent").asText()));
        }
        return records;
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String asBasic(final CallerCredentials who) {
        return basic(who.accessKeyId(), who.secretAccessKey());
    }

    /** A call as Confluent's clients make it, with the Authorization header given (or none). */
    private static HttpResponse<byte[]> call(final String method, final String url, final String body,
                                             final String authorization) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Accept", MEDIA + ", application/vnd.schemaregistry+json, application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", MEDIA);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(final HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(final HttpResponse<byte[]> response) throws IOException {
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static ExternalClient python(final String script, final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of(PYTHON, scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        return ExternalClient.run(Duration.ofSeconds(90), Map.of(), null, command);
    }
}
