package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.trailwatch.app.stack.ConnectorHost;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import io.trailwatch.sinks.archive.ArchiveSinkConfig;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.sinks.notify.NotifyConnectors;
import io.trailwatch.sinks.notify.PayloadFormat;
import io.trailwatch.sinks.notify.WebhookSinkConfig;
import io.trailwatch.stack.ConnectCredentials;
import io.trailwatch.stack.ConnectWorker;
import io.trailwatch.stack.ConnectorSecrets;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.TestObjectStorage;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka Connect worker that {@code trailwatch up} starts, locked down (issue 15), on the real stack: the real
 * broker and registry, a real S3 API and a real webhook, with the archive and notifier connectors run by
 * {@link ConnectorHost} as {@code trailwatch up} runs them. Anyone local can reach the REST port; only the generated
 * credentials get an answer, no answer holds a connector secret, connectors may not redirect their clients, and the
 * connectors still work with their secrets behind {@code ${file:...}} references.
 */
class ConnectLockdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static TestInfrastructure kafka;
    private static TestObjectStorage s3;
    private static ConnectorHost host;
    private static HttpServer webhook;
    private static final List<String> webhookPaths = Collections.synchronizedList(new ArrayList<>());
    private static Path workDir;
    private static String bucket;
    private static S3Settings s3Settings;
    private static Topic<String, AuditEvent> auditTopic;
    private static Topic<String, AlarmStateChange> alarmsTopic;
    private static String auditConnector;
    private static String notifyConnector;
    private static String webhookToken;
    private static String restUrl;
    private static ConnectCredentials credentials;

    @BeforeAll
    static void startTheWorker() throws IOException {
        kafka = TestInfrastructure.get();
        s3 = TestObjectStorage.get();
        bucket = s3.newBucket("connect-lockdown");
        s3Settings = new S3Settings(s3.endpoint(), s3.region(), bucket, s3.accessKeyId(), s3.secretAccessKey(), true);
        auditTopic = UniqueNames.topic(Topics.AUDIT);
        alarmsTopic = new Topic<>(UniqueNames.topic(Topics.ALARMS.name()), Topics.ALARMS.key(), Topics.ALARMS.value(), 1,
            Map.of());
        kafka.createTopics(auditTopic, alarmsTopic);
        final Path signingKey = dataDir.resolve("archive").resolve("digest-signing-key.pem");
        SigningKey.generateIfMissing(signingKey);

        // A webhook whose URL carries its token, as a Slack incoming webhook's does: only that path is answered.
        webhookToken = UUID.randomUUID().toString();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
                webhookPaths.add(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/hooks/" + webhookToken)
                    ? 200 : 404, -1);
            }
        });
        webhook.start();

        final Map<String, String> audit = new HashMap<>(ArchiveConnectors.audit(auditTopic.name(), s3Settings,
            kafka.registryUrl(), signingKey, Duration.ofSeconds(5)));
        auditConnector = UniqueNames.of("archive-audit");
        audit.put("name", auditConnector);
        audit.put(ArchiveSinkConfig.FLUSH_IDLE_MS, "1000");
        final Map<String, String> notify = new HashMap<>(NotifyConnectors.webhook(UniqueNames.of("notify"),
            alarmsTopic.name(), "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/" + webhookToken,
            PayloadFormat.pagerduty, "R0UT1NG" + webhookToken.substring(0, 8), kafka.registryUrl(),
            kafka.bootstrapServers()));
        notify.put(WebhookSinkConfig.DELIVERED_TOPIC, UniqueNames.topic("notifications-delivered"));
        notifyConnector = notify.get("name");

        workDir = dataDir.resolve("connect");
        host = new ConnectorHost().start((String) null, workDir, kafka.bootstrapServers(), List.of(audit, notify));
        restUrl = host.restUrl();
        credentials = host.credentials();
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void anonymousCallsAreRefusedAndCreateNothing() throws Exception {
        final String intruder = UniqueNames.of("intruder");
        // A copy of the trail to a bucket of the intruder's choosing.
        final Map<String, String> copy = new HashMap<>(ArchiveConnectors.alarms(auditTopic.name(),
            new S3Settings("http://127.0.0.1:1", "us-east-1", "elsewhere", "AKID", "x", true), kafka.registryUrl()));
        copy.put("name", intruder);
        final String body = JSON.writeValueAsString(Map.of("name", intruder, "config", copy));

        assertThat(call("POST", "/connectors", body, null).statusCode()).isEqualTo(401);
        assertThat(call("PUT", "/connectors/" + intruder + "/config", JSON.writeValueAsString(copy), null).statusCode())
            .isEqualTo(401);
        assertThat(call("GET", "/connectors/" + auditConnector + "/config", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/connectors/" + auditConnector + "/tasks", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/connectors?expand=info", null, null).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/connectors/" + auditConnector, null, null).statusCode()).isEqualTo(401);
        assertThat(call("PUT", "/admin/loggers/root", "{\"level\":\"TRACE\"}", null).statusCode()).isEqualTo(401);
        final ConnectCredentials wrong = new ConnectCredentials(credentials.username(), credentials.password() + "x");
        assertThat(call("POST", "/connectors", body, wrong).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/connectors/" + auditConnector + "/config", null, wrong).statusCode()).isEqualTo(401);
        // The one route Connect's filter lets through unauthenticated (workers' internal task updates) does nothing
        // on a standalone worker.
        assertThat(call("POST", "/connectors/" + auditConnector + "/tasks", "[]", null).statusCode() / 100)
            .isNotEqualTo(2);

        final HttpResponse<String> connectors = call("GET", "/connectors", null, credentials);
        assertThat(connectors.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(connectors.body())).extracting(JsonNode::asText)
            .contains(auditConnector, notifyConnector).doesNotContain(intruder);
        // The REST listener is on loopback only.
        assertThat(URI.create(restUrl).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void noConfigTheApiReturnsHoldsASecretOnlyFileReferences() throws Exception {
        final Path secretsFile = workDir.resolve(ConnectorSecrets.FILE_NAME);
        assertThat(host.secretsFile()).isEqualTo(secretsFile);
        final JsonNode audit = JSON.readTree(ok("/connectors/" + auditConnector + "/config"));
        assertThat(audit.path(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY).asText())
            .isEqualTo("${file:" + secretsFile + ":" + auditConnector + "." + ArchiveSinkConfig.S3_SECRET_ACCESS_KEY + "}");
        final JsonNode notify = JSON.readTree(ok("/connectors/" + notifyConnector + "/config"));
        assertThat(notify.path(WebhookSinkConfig.URL).asText())
            .isEqualTo("${file:" + secretsFile + ":" + notifyConnector + "." + WebhookSinkConfig.URL + "}");
        assertThat(notify.path(WebhookSinkConfig.PAGERDUTY_ROUTING_KEY).asText()).startsWith("${file:" + secretsFile);

        // Whatever route returns a config: the connector's, its tasks' (resolved by the connector, mapped back to the
        // references by Connect), the expanded list.
        for (final String path : List.of("/connectors?expand=info&expand=status", "/connectors/" + auditConnector,
            "/connectors/" + auditConnector + "/config", "/connectors/" + auditConnector + "/tasks",
            "/connectors/" + notifyConnector, "/connectors/" + notifyConnector + "/tasks")) {
            assertThat(ok(path)).as(path).doesNotContain(s3.secretAccessKey()).doesNotContain(webhookToken)
                .doesNotContain(webhookToken.substring(0, 8));
        }
        final JsonNode tasks = JSON.readTree(ok("/connectors/" + auditConnector + "/tasks"));
        assertThat(tasks).isNotEmpty();
        assertThat(tasks.get(0).path("config").path(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY).asText()).startsWith("${file:");

        // The values are in the owner-only file, and nowhere else the worker was given.
        final Properties secrets = new Properties();
        try (Reader in = Files.newBufferedReader(secretsFile)) {
            secrets.load(in);
        }
        assertThat(secrets).containsEntry(auditConnector + "." + ArchiveSinkConfig.S3_SECRET_ACCESS_KEY,
            s3.secretAccessKey());
        try (Stream<Path> files = Files.list(workDir)) {
            for (final Path file : files.filter(path -> path.getFileName().toString().matches("(connector-\\d+|worker)"
                + "\\.properties")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(s3.secretAccessKey())
                    .doesNotContain(webhookToken);
            }
        }
        assertThat(Files.readString(workDir.resolve("connect.log"))).doesNotContain(s3.secretAccessKey());
    }

    @Test
    void theCredentialsAndSecretsFilesAreOwnerOnlyAndThePasswordIsTheStoredOne() throws Exception {
        for (final String name : List.of(ConnectWorker.REST_USERS_FILE, ConnectWorker.JAAS_FILE,
            ConnectorSecrets.FILE_NAME, "worker.properties", "connector-0.properties", "connector-1.properties",
            "connect.log")) {
            assertThat(Files.getPosixFilePermissions(workDir.resolve(name))).as(name)
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.getPosixFilePermissions(workDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(host.credentialsFile()).isEqualTo(workDir.resolve(ConnectWorker.REST_USERS_FILE));
        final Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(host.credentialsFile())) {
            users.load(in);
        }
        assertThat(users).containsOnlyKeys(credentials.username())
            .containsEntry(credentials.username(), credentials.password());
        assertThat(Files.readString(workDir.resolve(ConnectWorker.JAAS_FILE))).contains("PropertyFileLoginModule")
            .contains(host.credentialsFile().toString()).doesNotContain(credentials.password());
        final String worker = Files.readString(workDir.resolve("worker.properties"));
        assertThat(worker).contains("listeners=http://127.0.0.1:")
            .contains("rest.extension.classes=org.apache.kafka.connect.rest.basic.auth.extension."
                + "BasicAuthSecurityRestExtension")
            .contains("connector.client.config.override.policy=None")
            .contains("config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider");
    }

    @Test
    void connectorsMayNotOverrideTheirClientsSettings() throws Exception {
        final String redirected = UniqueNames.of("redirected");
        final Map<String, String> config = new HashMap<>(ArchiveConnectors.alarms(alarmsTopic.name(), s3Settings,
            kafka.registryUrl()));
        config.put("name", redirected);
        config.put("consumer.override.bootstrap.servers", "127.0.0.1:1");
        config.put("producer.override.bootstrap.servers", "127.0.0.1:1");

        final HttpResponse<String> refused = call("PUT", "/connectors/" + redirected + "/config",
            JSON.writeValueAsString(config), credentials);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("bootstrap.servers").contains("None");
        assertThat(call("GET", "/connectors/" + redirected, null, credentials).statusCode()).isEqualTo(404);
    }

    @Test
    void theArchiveStillArchivesWithItsSecretKeyBehindAReference() {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            final AuditEvent event = event(i);
            ids.add(event.getEventID());
            kafka.produce(auditTopic, event.getEventID(), event);
        }
        await("the events as CloudTrail log files in the bucket").atMost(Duration.ofSeconds(90))
            .until(() -> archivedText(s3.bucketDir(bucket)), text -> ids.stream().allMatch(text::contains));
    }

    @Test
    void theNotifierDeliversToTheUrlItsReferenceResolvesTo() {
        final Instant now = Instant.now();
        final AlarmStateChange change = AlarmStateChange.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setAlarmName("ConnectLockdown")
            .setAlarmType("MetricAlarm")
            .setState(new AlarmState(AlarmStateValue.ALARM, "Threshold Crossed", "{\"version\":\"1.0\"}", now))
            .setPreviousState(new AlarmState(AlarmStateValue.OK, "before", null, now.minusSeconds(60)))
            .setConfiguration(AlarmConfiguration.newBuilder().setNamespace("App").setMetricName("Errors")
                .setStatistic("Sum").setPeriod(60).setThreshold(1.0)
                .setComparisonOperator("GreaterThanOrEqualToThreshold").build())
            .build();

        kafka.produce(alarmsTopic, change.getAlarmName(), change);

        await("the transition POSTed to the webhook's secret path").atMost(Duration.ofSeconds(60))
            .until(() -> List.copyOf(webhookPaths), paths -> paths.contains("/hooks/" + webhookToken));
        assertThat(webhookPaths).allMatch(path -> path.equals("/hooks/" + webhookToken));
    }

    @Test
    void trailwatchUpRegistersWithASecuredClusterOnlyWithItsCredentials() throws Exception {
        final String registered = UniqueNames.of("registered");
        final Map<String, String> config = new HashMap<>(ArchiveConnectors.alarms(alarmsTopic.name(), s3Settings,
            kafka.registryUrl()));
        config.put("name", registered);

        // Without credentials, or with the wrong ones: refused, and nothing created.
        assertThatThrownBy(() -> register(restUrl, null, null, null, config))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("HTTP 401")
            .hasMessageContaining("--connect-username");
        assertThatThrownBy(() -> register(restUrl, credentials.username(), "wrong", null, config))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("HTTP 401");
        assertThat(call("GET", "/connectors/" + registered, null, credentials).statusCode()).isEqualTo(404);

        // user:password in the URL, as --connect-url takes it; the secret goes to a file the worker reads.
        final URI uri = URI.create(restUrl);
        final String withUserInfo = uri.getScheme() + "://" + credentials.username() + ":"
            + java.net.URLEncoder.encode(credentials.password(), StandardCharsets.UTF_8) + "@" + uri.getHost() + ":"
            + uri.getPort();
        final Path clusterSecrets = workDir.resolve("cluster-secrets.properties");
        register(withUserInfo, null, null, clusterSecrets, config);

        awaitRunning(registered);
        final JsonNode stored = JSON.readTree(ok("/connectors/" + registered + "/config"));
        assertThat(stored.path(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY).asText())
            .isEqualTo("${file:" + clusterSecrets + ":" + registered + "." + ArchiveSinkConfig.S3_SECRET_ACCESS_KEY + "}");
        assertThat(Files.getPosixFilePermissions(clusterSecrets)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // --connect-username and --connect-password.
        register(restUrl, credentials.username(), credentials.password(), null, config);
        assertThat(call("DELETE", "/connectors/" + registered, null, credentials).statusCode() / 100).isEqualTo(2);
    }

    private static void register(final String url, final String username, final String password, final Path secrets,
                                 final Map<String, String> config) {
        try (ConnectorHost cluster = new ConnectorHost()) {
            cluster.start(ConnectorHost.Cluster.of(url, username, password, secrets), dataDir.resolve("unused"),
                kafka.bootstrapServers(), List.of(config));
        }
    }

    /** Waits, through the REST API, for a connector registered through it to run (its secret resolved). */
    private static void awaitRunning(final String connector) {
        await(connector + " running").atMost(Duration.ofSeconds(60)).until(() -> {
            final HttpResponse<String> status = call("GET", "/connectors/" + connector + "/status", null, credentials);
            if (status.statusCode() != 200) {
                return false;
            }
            assertThat(status.body()).doesNotContain("FAILED");
            final JsonNode node = JSON.readTree(status.body());
            return "RUNNING".equals(node.path("connector").path("state").asText())
                && node.path("tasks").size() > 0
                && "RUNNING".equals(node.path("tasks").get(0).path("state").asText());
        });
    }

    private static String ok(final String path) throws Exception {
        final HttpResponse<String> response = call("GET", path, null, credentials);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> call(final String method, final String path, final String body,
                                             final ConnectCredentials as) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(restUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (as != null) {
            request.header("Authorization", as.authorization());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static AuditEvent event(final int i) {
        return AuditEvent.newBuilder()
            .setEventVersion("1.11")
            .setEventID(UUID.randomUUID().toString())
            .setEventTime(Instant.now())
            .setEventSource("s3.amazonaws.com")
            .setEventName("GetObject")
            .setAwsRegion("us-east-1")
            .setSourceIPAddress("203.0.113." + (i % 250))
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName("alice")
                .setAccountId("123456789012").build())
            .setEventType("AwsApiCall")
            .setEventCategory("Management")
            .build();
    }

    /** The JSON of every CloudTrail log file under the bucket's directory. */
    private static String archivedText(final Path bucketDir) {
        if (!Files.isDirectory(bucketDir)) {
            return "";
        }
        final StringBuilder text = new StringBuilder();
        try (Stream<Path> paths = Files.walk(bucketDir)) {
            for (final Path file : paths.filter(Files::isRegularFile)
                .filter(path -> path.toString().contains("/CloudTrail/") && path.toString().endsWith(".json.gz"))
                .toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (final IOException halfWritten) {
                    // a file being written: read again on the next poll
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
