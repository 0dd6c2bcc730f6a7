package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.app.stack.LocalStack;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.SharedCredentialsFile;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outsider's findings of the identity issue, played against a whole Trailwatch instance (every feature's routes,
 * the real broker and registry): each attempt is refused with AWS's error code, and an administrator finds nothing
 * written and nothing changed afterwards. Then the trail answers who did what: calls to Trailwatch itself are on it.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class AccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient UNSIGNED = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static String endpoint;
    private static int port;
    private static TestIdentity identity;
    private static String alarm;

    @BeforeAll
    static void start() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        identity = TestIdentity.get();
        final Path dataDir = Files.createTempDirectory("trailwatch-access-it");
        identity.shareKeyWith(dataDir);
        port = FreePorts.pick();
        stack = new LocalStack().start(new LocalStack.Options(dataDir, infrastructure.bootstrapServers(),
            infrastructure.registryUrl(), 0, 0, "127.0.0.1", port, List.of(), Map.of(
                ProcessorsConfig.APPLICATION_ID, UniqueNames.applicationId("access-it"),
                ProcessorsConfig.APPLICATION_SERVER, "127.0.0.1:" + port)));
        assertThat(stack.awaitProcessors(Duration.ofMinutes(2))).isTrue();
        endpoint = "http://127.0.0.1:" + port;
        alarm = UniqueNames.of("Outsider");
        assertThat(putAlarm(alarm).exitCode()).isZero();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Every kind of write an anonymous local process could make before, and a read of the trail. */
    private static List<String[]> anonymousAttempts(final String name) {
        return List.of(
            new String[] {"PUT", "/v1/alarms/" + name, "{\"Namespace\":\"X\",\"MetricName\":\"Y\",\"Statistic\":\"Sum\","
                + "\"Period\":60,\"EvaluationPeriods\":1,\"Threshold\":1,\"ComparisonOperator\":\"GreaterThanThreshold\"}"},
            new String[] {"DELETE", "/v1/alarms/" + alarm, null},
            new String[] {"POST", "/v1/alarms/" + alarm + "/state", "{\"StateValue\":\"ALARM\",\"StateReason\":\"x\"}"},
            new String[] {"PUT", "/v1/rules/" + name, "{\"EventPattern\":\"{\\\"source\\\":[\\\"aws.s3\\\"]}\","
                + "\"TargetTopic\":\"" + name + "\"}"},
            new String[] {"PUT", "/v1/metric-filters/" + name, "{\"filterPattern\":\"ERROR\",\"metricTransformations\":"
                + "[{\"metricName\":\"m\",\"metricNamespace\":\"n\",\"metricValue\":\"1\"}]}"},
            new String[] {"PUT", "/v1/alarm-mute-rules/" + name, "{\"Rule\":{\"Schedule\":{\"Expression\":"
                + "\"cron(0 2 * * *)\",\"Duration\":\"PT2H\"}},\"MuteTargets\":{\"AlarmNames\":[\"" + alarm + "\"]}}"},
            new String[] {"POST", "/v1/users/" + name, null},
            new String[] {"GET", "/v1/events", null},
            new String[] {"GET", "/v1/alarms", null});
    }

    @Test
    void anonymousCallsAreRefusedAndChangeNothing() throws Exception {
        final String name = UniqueNames.of("anon");
        final JsonNode before = describe(alarm);
        for (final String[] attempt : anonymousAttempts(name)) {
            final HttpResponse<String> response = unsigned(attempt[0], attempt[1], attempt[2], "application/json",
                Map.of());
            assertThat(response.statusCode()).as(attempt[0] + " " + attempt[1]).isEqualTo(403);
            assertThat(error(response)).as(attempt[0] + " " + attempt[1]).isEqualTo("MissingAuthenticationToken");
        }
        assertNothingWritten(name, before);
    }

    @Test
    void aCrossSitePageCannotWriteOrReadAcrossOrigins() throws Exception {
        final String name = UniqueNames.of("csrf");
        final JsonNode before = describe(alarm);
        // A form-like text/plain POST from another site: no signature, so refused before anything else.
        final HttpResponse<String> forged = unsigned("POST", "/v1/alarms/" + alarm + "/state",
            "{\"StateValue\":\"OK\",\"StateReason\":\"x\"}", "text/plain", Map.of("Origin", "http://evil.example"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // Even signed, a write must be JSON.
        final HttpRequest.Builder signedText = HttpRequest.newBuilder(URI.create(endpoint + "/v1/alarms/" + alarm
            + "/state")).method("POST", HttpRequest.BodyPublishers.ofString("{\"StateValue\":\"OK\"}"))
            .header("Content-Type", "text/plain");
        new io.trailwatch.app.cli.RequestSigner(identity.administrator(), "trailwatch", "us-east-1")
            .sign(signedText, "POST", URI.create(endpoint + "/v1/alarms/" + alarm + "/state"),
                Map.of("Content-Type", "text/plain"), "{\"StateValue\":\"OK\"}");
        final HttpResponse<String> text = UNSIGNED.send(signedText.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(error(text)).isEqualTo("UnsupportedMediaType");
        // A page on a rebinding DNS name reaches the port with its own Host header.
        assertThat(rawGet("/v1/alarms", "evil.example:" + port)).startsWith("HTTP/1.1 400");
        assertThat(rawGet("/v1/health", "evil.example")).startsWith("HTTP/1.1 400");
        assertThat(rawGet("/v1/health", "localhost:" + port)).startsWith("HTTP/1.1 200");
        assertNothingWritten(name, before);
    }

    @Test
    void theCliWithoutAValidKeyIsRefusedAndSaysWhy() throws Exception {
        final Path empty = Files.createTempDirectory("access-it").resolve("missing-credentials");
        final CommandLineRunner none = CommandLineRunner.run("delete-alarms", "--alarm-names", alarm,
            "--endpoint", endpoint, "--credentials-file", empty.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no credentials").doesNotContain("Exception");

        final NewAccessKey real = identity.newUser(UniqueNames.of("forger"), ManagedPolicies.ADMINISTRATOR_ACCESS);
        final Path forged = credentialsFile("forger", new NewAccessKey(real.key(),
            TestSecrets.otherThan(real.secretAccessKey())));
        final CommandLineRunner wrongSecret = CommandLineRunner.run("delete-alarms", "--alarm-names", alarm,
            "--endpoint", endpoint, "--credentials-file", forged.toString(), "--profile", "forger");
        assertThat(wrongSecret.exitCode()).isEqualTo(2);
        assertThat(wrongSecret.err()).contains("An error occurred (SignatureDoesNotMatch) when calling the "
            + "DeleteAlarms operation");
        assertThat(describe(alarm).path("MetricAlarms")).hasSize(1);
    }

    @Test
    void theHealthRouteSaysUpAndNothingMore() throws Exception {
        final HttpResponse<String> health = unsigned("GET", "/v1/health", null, null, Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
    }

    @Test
    void aReadOnlyUserReadsButCannotWriteAndChangesNothing() throws Exception {
        final String name = UniqueNames.of("readonly");
        final CallerCredentials reader = TestIdentity.credentials(identity.newUser(name,
            ManagedPolicies.READ_ONLY_ACCESS));
        final JsonNode before = describe(alarm);

        assertThat(TestIdentity.send("GET", endpoint + "/v1/alarms?AlarmNames=" + alarm, null, reader).statusCode())
            .isEqualTo(200);
        assertThat(TestIdentity.send("GET", endpoint + "/v1/events?maxResults=1", null, reader).statusCode())
            .isEqualTo(200);
        final String target = UniqueNames.of("target");
        for (final String[] attempt : anonymousAttempts(target).subList(0, 7)) {
            final HttpResponse<String> response = TestIdentity.send(attempt[0], endpoint + attempt[1], attempt[2],
                reader);
            assertThat(response.statusCode()).as(attempt[0] + " " + attempt[1] + ": " + response.body())
                .isEqualTo(403);
            assertThat(error(response)).isEqualTo("AccessDenied");
        }
        final HttpResponse<String> delete = TestIdentity.send("DELETE", endpoint + "/v1/alarms/" + alarm, null,
            reader);
        assertThat(JSON.readTree(delete.body()).path("message").asText())
            .contains("arn:aws:iam::000000000000:user/" + name).contains("cloudwatch:DeleteAlarms")
            .contains("alarm:" + alarm).contains("no identity-based policy allows");
        final HttpResponse<String> newKey = TestIdentity.send("POST", endpoint + "/v1/users/" + name + "/access-keys",
            null, reader);
        assertThat(newKey.statusCode()).isEqualTo(403);
        assertThat(identity.identities().listAccessKeys(name)).hasSize(1);
        assertNothingWritten(target, before);
    }

    @Test
    void anExplicitDenyWinsOverAdministratorAccess() throws Exception {
        final String name = UniqueNames.of("denied");
        final NewAccessKey key = identity.newUser(name, ManagedPolicies.ADMINISTRATOR_ACCESS);
        identity.identities().putUserPolicy(name, "ProtectProduction", """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "cloudwatch:Delete*",
              "Resource": "arn:aws:cloudwatch:*:*:alarm:Prod-*"}]}""");
        final String production = "Prod-" + UniqueNames.of("db");
        final String scratch = UniqueNames.of("scratch");
        assertThat(putAlarm(production).exitCode()).isZero();
        assertThat(putAlarm(scratch).exitCode()).isZero();

        final HttpResponse<String> refused = TestIdentity.send("DELETE", endpoint + "/v1/alarms/" + production, null,
            TestIdentity.credentials(key));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("with an explicit deny");
        assertThat(describe(production).path("MetricAlarms")).hasSize(1);
        assertThat(TestIdentity.send("DELETE", endpoint + "/v1/alarms/" + scratch, null,
            TestIdentity.credentials(key)).statusCode()).isBetween(200, 204);
        assertThat(describe(scratch).path("MetricAlarms")).isEmpty();
    }

    @Test
    void aPublisherKeyCannotReadTheTrailOrManageAnything() throws Exception {
        final CallerCredentials publisher = TestIdentity.credentials(identity.newUser(UniqueNames.of("publisher"),
            ManagedPolicies.TRAILWATCH_PUBLISHER));
        for (final String path : List.of("/v1/events", "/v1/alarms", "/v1/users", "/v1/rules", "/v1/metric-filters")) {
            final HttpResponse<String> response = TestIdentity.send("GET", endpoint + path, null, publisher);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(error(response)).isEqualTo("AccessDenied");
        }
    }

    @Test
    void whoDeletedTheAlarmIsOnTheTrailAndSoIsWhoWasRefused() throws Exception {
        final String deleter = UniqueNames.of("dave");
        final String outsider = UniqueNames.of("mallory");
        final Path daveFile = credentialsFile(deleter, identity.newUser(deleter, ManagedPolicies.ADMINISTRATOR_ACCESS));
        final Path malloryFile = credentialsFile(outsider, identity.newUser(outsider, ManagedPolicies.READ_ONLY_ACCESS));
        final String victim = UniqueNames.of("Audited");
        assertThat(putAlarm(victim).exitCode()).isZero();

        final CommandLineRunner refused = CommandLineRunner.run("delete-alarms", "--alarm-names", victim,
            "--endpoint", endpoint, "--credentials-file", malloryFile.toString(), "--profile", outsider);
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("An error occurred (AccessDenied) when calling the DeleteAlarms operation");
        final CommandLineRunner deleted = CommandLineRunner.run("delete-alarms", "--alarm-names", victim,
            "--endpoint", endpoint, "--credentials-file", daveFile.toString(), "--profile", deleter);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();

        final List<JsonNode> records = Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> deleteAlarmsRecords(victim), found -> found.size() >= 2);
        final JsonNode byDave = records.stream().filter(r -> deleter.equals(r.at("/userIdentity/userName").asText()))
            .findFirst().orElseThrow();
        assertThat(byDave.path("eventSource").asText()).isEqualTo("monitoring.amazonaws.com");
        assertThat(byDave.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(byDave.path("userAgent").asText()).startsWith("trailwatch-cli/");
        assertThat(byDave.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
        assertThat(byDave.at("/userIdentity/arn").asText()).isEqualTo("arn:aws:iam::000000000000:user/" + deleter);
        assertThat(byDave.path("readOnly").asBoolean(true)).isFalse();
        assertThat(byDave.has("errorCode")).isFalse();
        final JsonNode byMallory = records.stream()
            .filter(r -> outsider.equals(r.at("/userIdentity/userName").asText())).findFirst().orElseThrow();
        assertThat(byMallory.path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(byMallory.path("errorMessage").asText()).contains("cloudwatch:DeleteAlarms");

        // The secret of a key created over the API is never on the trail.
        final String created = TestIdentity.send("POST", endpoint + "/v1/users/" + deleter + "/access-keys", null,
            identity.administrator()).body();
        final String secret = JSON.readTree(created).at("/AccessKey/SecretAccessKey").asText();
        assertThat(secret).hasSize(40);
        final List<JsonNode> keyRecords = Awaitility.await().atMost(Duration.ofSeconds(60)).until(
            () -> lookup("EventName", "CreateAccessKey"), found -> found.stream()
                .anyMatch(r -> deleter.equals(r.at("/requestParameters/userName").asText())));
        assertThat(keyRecords.toString()).doesNotContain(secret);
    }

    @Test
    void aConsoleSessionNeedsItsCsrfTokenToWrite() throws Exception {
        final String alarm = UniqueNames.of("Console");
        assertThat(putAlarm(alarm).exitCode()).isZero();
        final HttpResponse<String> signIn = identity.send("POST", endpoint + "/v1/sessions", null);
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(201);
        final String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        final String session = cookie.substring(0, cookie.indexOf(';'));
        final String csrf = JSON.readTree(signIn.body()).path("CsrfToken").asText();

        assertThat(unsigned("GET", "/v1/alarms?AlarmNames=" + alarm, null, null, Map.of("Cookie", session))
            .statusCode()).isEqualTo(200);
        final String state = "{\"StateValue\":\"ALARM\",\"StateReason\":\"console test\"}";
        final HttpResponse<String> noToken = unsigned("POST", "/v1/alarms/" + alarm + "/state", state,
            "application/json", Map.of("Cookie", session));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(noToken.body()).path("message").asText()).contains("CSRF");
        final HttpResponse<String> forgedCookie = unsigned("GET", "/v1/alarms", null, null,
            Map.of("Cookie", session.substring(0, session.length() - 2) + "xx"));
        assertThat(forgedCookie.statusCode()).isEqualTo(403);
        final HttpResponse<String> withToken = unsigned("POST", "/v1/alarms/" + alarm + "/state", state,
            "application/json", Map.of("Cookie", session, "X-CSRF-Token", csrf));
        assertThat(withToken.statusCode()).as(withToken.body()).isBetween(200, 204);
    }

    // ---- helpers

    private static CommandLineRunner putAlarm(final String name) {
        return CommandLineRunner.run("put-metric-alarm", "--alarm-name", name, "--namespace", "AccessIT",
            "--metric-name", "Errors", "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1",
            "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold", "--endpoint", endpoint);
    }

    private static JsonNode describe(final String name) throws Exception {
        final HttpResponse<String> response = identity.send("GET", endpoint + "/v1/alarms?AlarmNames=" + name, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Nothing the attempts named exists, and the shared alarm is as it was. */
    private static void assertNothingWritten(final String name, final JsonNode alarmBefore) throws Exception {
        assertThat(describe(alarm)).isEqualTo(alarmBefore);
        assertThat(describe(name).path("MetricAlarms")).isEmpty();
        for (final String path : List.of("/v1/rules/", "/v1/metric-filters/", "/v1/alarm-mute-rules/", "/v1/users/")) {
            assertThat(identity.send("GET", endpoint + path + name, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    private static List<JsonNode> deleteAlarmsRecords(final String alarmName) throws Exception {
        return lookup("ResourceName", "arn:aws:cloudwatch:local:000000000000:alarm:" + alarmName).stream()
            .filter(record -> "DeleteAlarms".equals(record.path("eventName").asText())).toList();
    }

    /** LookupEvents through the CLI as the administrator: the CloudTrail records found. */
    private static List<JsonNode> lookup(final String key, final String value) throws Exception {
        final CommandLineRunner found = CommandLineRunner.run("lookup-events", "--lookup-attributes",
            "AttributeKey=" + key + ",AttributeValue=" + value, "--output", "json", "--endpoint", endpoint);
        if (found.exitCode() != 0) {
            return List.of();
        }
        final List<JsonNode> records = new java.util.ArrayList<>();
        for (final JsonNode event : JSON.readTree(found.out()).path("Events")) {
            records.add(JSON.readTree(event.path("CloudTrailEvent").asText()));
        }
        return records;
    }

    private static Path credentialsFile(final String profile, final NewAccessKey key) throws Exception {
        final Path file = Files.createTempDirectory("access-it").resolve("credentials");
        SharedCredentialsFile.write(file, profile, key);
        return file;
    }

    private static HttpResponse<String> unsigned(final String method, final String path, final String body,
                                                 final String contentType, final Map<String, String> headers)
        throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return UNSIGNED.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(final HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").asText();
    }

    /** A GET with any Host header (java.net.http will not send a foreign one); returns the status line. */
    private static String rawGet(final String path, final String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            final OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        }
    }
}
