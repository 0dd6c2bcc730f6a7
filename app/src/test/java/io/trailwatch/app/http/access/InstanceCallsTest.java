package io.trailwatch.app.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.InstanceTokens;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.store.InMemoryIdentityRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one instance of a deployment may ask of another with its instance token: any read, and a change only through
 * a route made for instances (stopping a query where it runs), with nothing but method, path and query, all bound by
 * the token.
 */
class InstanceCallsTest {

    private static final String STOP = "/v1/internal/queries/stop?queryId=q1&caller=arn";
    /** Stand-ins with the real routes' paths: the gate decides before any route runs. */
    private static final ApiRoutes ROUTES = routes -> {
        routes.post("/v1/internal/queries/stop", ctx -> ctx.result("stopped"));
        routes.delete("/v1/alarms/{name}", ctx -> ctx.status(204));
    };

    private final IdentityKey key = IdentityKey.random();
    private final InstanceTokens tokens = new InstanceTokens(key, Clock.systemUTC());
    private HttpApi api;

    @BeforeEach
    void start() {
        final IdentityService identities = new IdentityService(new InMemoryIdentityRepository(), key, "000000000000",
            Clock.systemUTC());
        api = HttpApi.start("127.0.0.1", 0, List.of(), List.of(ROUTES), AccessControl.create(identities, key,
            new ResourceNames("000000000000", "us-east-1"), new HostAllowList("127.0.0.1", Set.of()),
            new SelfAudit(new MockProducer<>(true, null, new StringSerializer(), (topic, event) -> new byte[0]),
                false)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anInstanceStopsAQueryWithAPostItsTokenBinds() throws Exception {
        final HttpResponse<String> stopped = send("POST", STOP, tokens.sign("POST", STOP), "");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.body()).isEqualTo("stopped");
    }

    @Test
    void aTokenForAnotherMethodOrQueryIsRefused() throws Exception {
        assertThat(send("POST", STOP, tokens.sign("GET", STOP), "").statusCode()).isEqualTo(403);
        assertThat(send("POST", STOP, tokens.sign("POST", STOP.replace("q1", "q2")), "").statusCode())
            .isEqualTo(403);
        assertThat(send("POST", STOP, null, "").statusCode()).as("no token").isEqualTo(403);
    }

    @Test
    void aPostWithABodyTheTokenDoesNotCoverIsRefused() throws Exception {
        assertThat(send("POST", STOP, tokens.sign("POST", STOP), "{\"queryId\":\"other\"}").statusCode())
            .isEqualTo(403);
    }

    @Test
    void anInstanceTokenChangesNothingThroughTheCallersRoutes() throws Exception {
        final String path = "/v1/alarms/Prod";
        final HttpResponse<String> refused = send("DELETE", path, tokens.sign("DELETE", path), "");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("AccessDenied");
    }

    private HttpResponse<String> send(final String method, final String pathAndQuery, final String token,
                                      final String body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
            + pathAndQuery)).method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header(InstanceTokens.HEADER, token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
