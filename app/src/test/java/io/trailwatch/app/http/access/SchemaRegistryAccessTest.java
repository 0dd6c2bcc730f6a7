package io.trailwatch.app.http.access;

import io.trailwatch.app.TestSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.identity.store.InMemoryIdentityRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate in front of the schema registry's routes, with users in memory: HTTP Basic with an access key there
 * (and only there), the subject's ARN authorized, Confluent's media type accepted, and each call on the trail with
 * the registry's own refusal as its error.
 */
class SchemaRegistryAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA = "application/vnd.schemaregistry.v1+json";
    private static final String SCHEMA = "{\"schema\":\"\\\"string\\\"\"}";
    private final MockProducer<String, AuditEvent> trail = new MockProducer<>(true, null, new StringSerializer(),
        (topic, event) -> new byte[0]);
    private final HttpClient http = HttpClient.newHttpClient();
    private IdentityService identities;
    private HttpApi api;

    /** Stand-ins with the real routes' paths; the "incompatible" subject answers as the registry refuses. */
    private static final ApiRoutes ROUTES = routes -> {
        routes.post("/registry/subjects/{subject}/versions", ctx -> {
            if (ctx.pathParam("subject").equals("incompatible-value")) {
                AccessControl.answeredByService(ctx, "IncompatibleSchema", "Schema being registered is incompatible");
                ctx.status(409).result("{\"error_code\":409}");
            } else {
                ctx.status(200).result("{\"id\":1}");
            }
        });
        routes.delete("/v1/alarms/{name}", ctx -> ctx.status(204));
    };

    @BeforeEach
    void start() {
        final IdentityKey key = IdentityKey.random();
        identities = new IdentityService(new InMemoryIdentityRepository(), key, "000000000000", Clock.systemUTC());
        api = HttpApi.start("127.0.0.1", 0, List.of(), List.of(ROUTES), AccessControl.create(identities, key,
            new ResourceNames("000000000000", "us-east-1"), new HostAllowList("127.0.0.1", Set.of()),
            new SelfAudit(trail, false)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aPublishersBasicCredentialsRegisterTrailwatchsSubjectAndTheCallIsOnTheTrail() throws Exception {
        final NewAccessKey publisher = user("publisher", ManagedPolicies.TRAILWATCH_PUBLISHER);

        final HttpResponse<String> answer = register("trailwatch.audit-value", basic(publisher), MEDIA);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        final AuditEvent record = onlyRecord();
        assertThat(record.getEventSource()).isEqualTo("schemaregistry.trailwatch");
        assertThat(record.getEventName()).isEqualTo("RegisterSchema");
        assertThat(record.getErrorCode()).isNull();
        assertThat(record.getUserIdentity().getAccessKeyId()).isEqualTo(publisher.key().accessKeyId());
        assertThat(record.getResources()).singleElement().satisfies(resource -> assertThat(resource.getARN())
            .isEqualTo("arn:aws:schemaregistry:us-east-1:000000000000:subject/trailwatch.audit-value"));
        assertThat(JSON.readTree(record.getRequestParameters()).path("subject").asText())
            .isEqualTo("trailwatch.audit-value");
    }

    @Test
    void anotherSubjectIsDeniedAndTheRegistrysRefusalIsTheRecordsError() throws Exception {
        final NewAccessKey publisher = user("publisher", ManagedPolicies.TRAILWATCH_PUBLISHER);
        final NewAccessKey admin = user("admin", ManagedPolicies.ADMINISTRATOR_ACCESS);

        final HttpResponse<String> denied = register("orders-value", basic(publisher), MEDIA);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(error(denied)).isEqualTo("AccessDenied");
        assertThat(onlyRecord().getErrorCode()).isEqualTo("AccessDenied");

        trail.clear();
        assertThat(register("incompatible-value", basic(admin), MEDIA).statusCode()).isEqualTo(409);
        final AuditEvent refused = onlyRecord();
        assertThat(refused.getErrorCode()).isEqualTo("IncompatibleSchema");
        assertThat(refused.getErrorMessage()).contains("incompatible");
    }

    @Test
    void badBasicCredentialsAreRefusedAsAwsRefusesABadSignature() throws Exception {
        final NewAccessKey admin = user("admin", ManagedPolicies.ADMINISTRATOR_ACCESS);
        final String id = admin.key().accessKeyId();

        assertThat(error(register("x-value", null, MEDIA))).isEqualTo("MissingAuthenticationToken");
        assertThat(error(register("x-value", basic(id, TestSecrets.otherThan(admin.secretAccessKey())), MEDIA)))
            .isEqualTo("SignatureDoesNotMatch");
        assertThat(error(register("x-value", basic(id, admin.secretAccessKey() + "x"), MEDIA)))
            .isEqualTo("SignatureDoesNotMatch");
        assertThat(error(register("x-value", basic("AKIANOBODYNOBODY0000", admin.secretAccessKey()), MEDIA)))
            .isEqualTo("InvalidClientTokenId");
        assertThat(error(register("x-value", "Basic " + Base64.getEncoder().encodeToString(id.getBytes()), MEDIA)))
            .isEqualTo("IncompleteSignature");
        assertThat(error(register("x-value", "Basic !!", MEDIA))).isEqualTo("IncompleteSignature");
        identities.updateAccessKey("admin", id, "Inactive");
        assertThat(error(register("x-value", basic(admin), MEDIA))).isEqualTo("InvalidClientTokenId");
        assertThat(trail.history()).hasSize(7).allSatisfy(record -> assertThat(record.value().getErrorCode()).isNotNull());
    }

    @Test
    void basicCredentialsOpenTheRegistrysRoutesOnly() throws Exception {
        final NewAccessKey admin = user("admin", ManagedPolicies.ADMINISTRATOR_ACCESS);

        final HttpResponse<String> v1 = send("DELETE", "/v1/alarms/Prod", null, basic(admin), null);

        assertThat(v1.statusCode()).isEqualTo(403);
        assertThat(error(v1)).isNotEqualTo("AccessDenied");
        assertThat(onlyRecord().getErrorCode()).isNotNull();
    }

    @Test
    void confluentsMediaTypeIsAJsonBodyButAFormIsNot() throws Exception {
        final NewAccessKey admin = user("admin", ManagedPolicies.ADMINISTRATOR_ACCESS);

        assertThat(register("a-value", basic(admin), "application/vnd.schemaregistry.v1+json; charset=utf-8")
            .statusCode()).isEqualTo(200);
        assertThat(register("a-value", basic(admin), "application/vnd.schemaregistry+json").statusCode())
            .isEqualTo(200);
        assertThat(register("a-value", basic(admin), "application/json").statusCode()).isEqualTo(200);
        assertThat(register("a-value", basic(admin), "text/plain").statusCode()).isEqualTo(415);
        assertThat(register("a-value", basic(admin), "application/x-www-form-urlencoded").statusCode())
            .isEqualTo(415);
    }

    private NewAccessKey user(final String name, final String policy) {
        identities.createUser(name);
        identities.attachUserPolicy(name, policy);
        return identities.createAccessKey(name);
    }

    private static String basic(final NewAccessKey key) {
        return basic(key.key().accessKeyId(), key.secretAccessKey());
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> register(final String subject, final String authorization, final String type)
        throws Exception {
        return send("POST", "/registry/subjects/" + subject + "/versions", SCHEMA, authorization, type);
    }

    private HttpResponse<String> send(final String method, final String path, final String body,
                                      final String authorization, final String type) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(final HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").asText();
    }

    private AuditEvent onlyRecord() {
        trail.flush();
        assertThat(trail.history()).hasSize(1);
        return trail.history().get(0).value();
    }
}
