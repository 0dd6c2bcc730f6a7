package io.trailwatch.app.http.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.app.cli.RequestSigner;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.identity.store.InMemoryIdentityRepository;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.definitions.Packs;
import io.trailwatch.processors.filter.MetricFilterTester;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate on its own, with users in memory and the audit records caught by Kafka's mock producer: what a refused
 * call leaves on the trail is what the CIS pack's unauthorized-API-calls filter counts.
 */
class AccessControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockProducer<String, AuditEvent> trail = new MockProducer<>(true, null, new StringSerializer(),
        (topic, event) -> new byte[0]);
    private IdentityService identities;
    private HttpApi api;

    /** A stand-in with the real route's path: the gate decides before any route runs. */
    private static final ApiRoutes DELETE_ALARMS = routes -> routes.delete("/v1/alarms/{name}", ctx -> ctx.status(204));

    @BeforeEach
    void start() {
        final IdentityKey key = IdentityKey.random();
        identities = new IdentityService(new InMemoryIdentityRepository(), key, "000000000000", Clock.systemUTC());
        final ResourceNames names = new ResourceNames("000000000000", "us-east-1");
        api = HttpApi.start("127.0.0.1", 0, List.of(), List.of(DELETE_ALARMS), AccessControl.create(identities, key,
            names, new HostAllowList("127.0.0.1", Set.of()), new SelfAudit(trail, false)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aRefusedCallIsRecordedAsCloudTrailRecordsItAndTheCisFilterCountsIt() throws Exception {
        final CallerCredentials reader = user("reader", ManagedPolicies.READ_ONLY_ACCESS);

        final HttpResponse<String> refused = delete("/v1/alarms/Prod", reader);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("AccessDenied");
        final AuditEvent record = onlyRecord();
        assertThat(record.getEventSource()).isEqualTo("monitoring.amazonaws.com");
        assertThat(record.getEventName()).isEqualTo("DeleteAlarms");
        assertThat(record.getErrorCode()).isEqualTo("AccessDenied");
        assertThat(record.getUserIdentity().getUserName()).isEqualTo("reader");
        assertThat(record.getUserIdentity().getAccessKeyId()).isEqualTo(reader.accessKeyId());
        assertThat(record.getReadOnly()).isFalse();
        assertThat(JSON.readTree(record.getRequestParameters()).path("alarmNames").get(0).asText()).isEqualTo("Prod");
        assertThat(MetricFilterTester.test(cisUnauthorizedApiCalls(),
            List.of(CloudTrailJson.toJson(record).toString()))).hasSize(1);
    }

    @Test
    void anAllowedCallIsRecordedWithoutAnErrorAndIsNotCountedAsUnauthorized() throws Exception {
        final CallerCredentials admin = user("admin", ManagedPolicies.ADMINISTRATOR_ACCESS);

        assertThat(delete("/v1/alarms/Prod", admin).statusCode()).isEqualTo(204);

        final AuditEvent record = onlyRecord();
        assertThat(record.getErrorCode()).isNull();
        assertThat(record.getResources()).singleElement().satisfies(resource -> assertThat(resource.getARN())
            .isEqualTo("arn:aws:cloudwatch:local:000000000000:alarm:Prod"));
        assertThat(MetricFilterTester.test(cisUnauthorizedApiCalls(),
            List.of(CloudTrailJson.toJson(record).toString()))).isEmpty();
    }

    @Test
    void anUnsignedCallIsRecordedWithAnUnknownIdentityAndTheKeyItClaimed() throws Exception {
        final HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + api.port() + "/v1/alarms/Prod")).DELETE().header("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIACLAIMEDCLAIMED00/20261206/us-east-1/trailwatch/aws4_request, "
                + "SignedHeaders=host, Signature=00").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(403);
        final AuditEvent record = onlyRecord();
        assertThat(record.getUserIdentity().getType()).isEqualTo("Unknown");
        assertThat(record.getUserIdentity().getAccessKeyId()).isEqualTo("AKIACLAIMEDCLAIMED00");
        assertThat(record.getErrorCode()).isNotNull();
    }

    @Test
    void aRouteWithoutAnOperationInTheCatalogueKeepsTheServerFromStarting() {
        final IdentityKey key = IdentityKey.random();
        final ApiRoutes unlisted = routes -> routes.get("/v1/secret-backdoor", ctx -> ctx.result("open"));
        assertThatThrownBy(() -> HttpApi.start("127.0.0.1", 0, List.of(), List.of(unlisted), AccessControl.create(
            identities, key, new ResourceNames("000000000000", "us-east-1"), new HostAllowList("127.0.0.1",
                Set.of()), new SelfAudit(new MockProducer<>(), false))))
            .hasMessageContaining("GET /v1/secret-backdoor");
    }

    private CallerCredentials user(final String name, final String policy) {
        identities.createUser(name);
        identities.attachUserPolicy(name, policy);
        final NewAccessKey key = identities.createAccessKey(name);
        return new CallerCredentials(key.key().accessKeyId(), key.secretAccessKey(), "test");
    }

    private HttpResponse<String> delete(final String path, final CallerCredentials who) throws Exception {
        final URI uri = URI.create("http://127.0.0.1:" + api.port() + path);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).DELETE();
        new RequestSigner(who, AccessControl.SERVICE, "us-east-1").sign(request, "DELETE", uri, Map.of(), null);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private AuditEvent onlyRecord() {
        trail.flush();
        assertThat(trail.history()).hasSize(1);
        return trail.history().get(0).value();
    }

    /** CIS 3.1 / Security Hub CloudWatch.2's filter, as the shipped pack has it. */
    private static String cisUnauthorizedApiCalls() throws Exception {
        for (final DefinitionEntry entry : Packs.load("cis")) {
            if (entry.kind() == DefinitionKind.METRIC_FILTER && entry.definitionJson().contains("AccessDenied")) {
                final var definition = JSON.readTree(entry.definitionJson());
                final String pattern = definition.has("FilterPattern") ? definition.path("FilterPattern").asText()
                    : definition.path("filterPattern").asText();
                assertThat(pattern).contains("AccessDenied");
                return pattern;
            }
        }
        throw new AssertionError("no unauthorized-API-calls filter in the CIS pack");
    }
}
