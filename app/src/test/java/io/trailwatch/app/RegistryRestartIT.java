package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.registry.TrailwatchSubjects;
import io.trailwatch.app.stack.LocalStack;
import io.trailwatch.stack.FreePorts;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * `trailwatch up` twice on one data directory, with its own broker and registry: the registry listens on loopback
 * only, Trailwatch's subjects and the global default are BACKWARD (and say so), an administrator may change them
 * through the proxy, and the next start makes them BACKWARD again.
 */
class RegistryRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void trailwatchsSubjectsAndTheGlobalDefaultAreBackwardAfterEveryStart() throws Exception {
        final Path dataDir = Files.createTempDirectory("trailwatch-registry-restart");
        final int[] ports = FreePorts.pick(3);
        final List<String> subjects = List.copyOf(TrailwatchSubjects.schemas().keySet());
        assertThat(subjects).contains("trailwatch.audit-value", "trailwatch.audit-key", "trailwatch.metrics-value",
            "trailwatch.logs-value", "trailwatch.alarms-value", "trailwatch.identity-value")
            .doesNotContain("trailwatch.deadletter-value");

        try (LocalStack stack = start(dataDir, ports)) {
            final String proxy = "http://127.0.0.1:" + stack.httpPort() + "/registry";
            final String admin = administrator(dataDir);
            assertLoopbackOnly(URI.create(stack.registryUrl()).getPort());
            assertThat(compatibility(proxy + "/config", admin)).isEqualTo("BACKWARD");
            for (final String subject : subjects) {
                assertThat(compatibility(proxy + "/config/" + subject, admin)).as(subject).isEqualTo("BACKWARD");
            }
            // An administrator may change them (and nobody else: RegistryProxyIT).
            assertThat(send("PUT", proxy + "/config", "{\"compatibility\":\"NONE\"}", admin).statusCode())
                .isEqualTo(200);
            assertThat(send("PUT", proxy + "/config/trailwatch.audit-value", "{\"compatibility\":\"FORWARD\"}", admin)
                .statusCode()).isEqualTo(200);
            assertThat(compatibility(proxy + "/config", admin)).isEqualTo("NONE");
            assertThat(compatibility(proxy + "/config/trailwatch.audit-value", admin)).isEqualTo("FORWARD");
        }

        try (LocalStack restarted = start(dataDir, ports)) {
            final String proxy = "http://127.0.0.1:" + restarted.httpPort() + "/registry";
            final String admin = administrator(dataDir);
            assertThat(compatibility(proxy + "/config", admin)).isEqualTo("BACKWARD");
            for (final String subject : subjects) {
                assertThat(compatibility(proxy + "/config/" + subject, admin)).as(subject).isEqualTo("BACKWARD");
            }
            // And it is enforced: a required new field is refused.
            final JsonNode audit = JSON.readTree(JSON.readTree(send("GET", proxy
                + "/subjects/trailwatch.audit-value/versions/latest", null, admin).body()).path("schema").asText());
            ((com.fasterxml.jackson.databind.node.ArrayNode) audit.path("fields")).addObject().put("name", "required")
                .put("type", "string");
            final HttpResponse<String> refused = send("POST", proxy + "/subjects/trailwatch.audit-value/versions",
                JSON.createObjectNode().put("schema", audit.toString()).toString(), admin);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        }
    }

    private static LocalStack start(final Path dataDir, final int[] ports) {
        return new LocalStack().start(new LocalStack.Options(dataDir, null, null, ports[0], ports[1], "127.0.0.1",
            ports[2], List.of(), Map.of()));
    }

    /** Nothing answers on the registry's port at any address of this machine but loopback. */
    private static void assertLoopbackOnly(final int port) throws Exception {
        final Optional<InetAddress> external = NetworkInterface.networkInterfaces()
            .flatMap(NetworkInterface::inetAddresses)
            .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
            .findFirst();
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
        if (external.isPresent()) {
            try (Socket outside = new Socket()) {
                outside.connect(new InetSocketAddress(external.get(), port), 2000);
                throw new AssertionError("the registry answers on " + external.get() + ":" + port);
            } catch (final ConnectException refused) {
                // as it should
            }
        }
    }

    /** The administrator's key the first start wrote, as Basic credentials. */
    private static String administrator(final Path dataDir) throws Exception {
        String id = null;
        String secret = null;
        for (final String line : Files.readAllLines(dataDir.resolve("credentials"))) {
            final String[] pair = line.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equals("aws_access_key_id")) {
                id = pair[1].trim();
            } else if (pair.length == 2 && pair[0].trim().equals("aws_secret_access_key")) {
                secret = pair[1].trim();
            }
        }
        assertThat(id).isNotNull();
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String compatibility(final String url, final String authorization) throws Exception {
        final HttpResponse<String> response = send("GET", url, null, authorization);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("compatibilityLevel").asText();
    }

    private static HttpResponse<String> send(final String method, final String url, final String body,
                                             final String authorization) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/vnd.schemaregistry.v1+json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
