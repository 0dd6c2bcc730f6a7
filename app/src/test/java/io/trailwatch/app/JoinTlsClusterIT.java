package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.EmbeddedKafkaBroker;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.BasicAuthProxy;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.TestTlsStores;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * A user's production cluster as {@code trailwatch up} and {@code trailwatch doctor} meet it, every setting from a
 * config file: SASL/SCRAM over TLS ({@code SASL_SSL}, the cluster's own trust store) and a schema registry behind
 * basic authentication. Up starts and a call's audit record goes through the cluster to LookupEvents and to the
 * archive (the Connect worker's connector reads the registry with its credentials), doctor passes;
 * a wrong password, a certificate the trust store does not hold, a principal without ACLs and a wrong registry
 * password are each one line at start-up and exit code 1, not retries. One broker and one registry for every case.
 */
@ResourceLock(WholeStack.LOCK)
class JoinTlsClusterIT {

    private static final String USER = "trailwatch-ops";
    private static final String PASSWORD = "ops-tls-secret-42";
    private static final String WITHOUT_ACLS = "auditor-without-acls";
    private static final String WITHOUT_ACLS_PASSWORD = "no-acl-secret-7";
    private static final String REGISTRY_USER = "registry-client";
    private static final String REGISTRY_PASSWORD = "registry-secret-9";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TestTlsStores tls;
    private static EmbeddedKafkaBroker broker;
    private static BasicAuthProxy registry;

    @BeforeAll
    static void startClusterAndRegistry() throws Exception {
        tls = TestTlsStores.generate(shared, "broker");
        broker = EmbeddedKafkaBroker.builder().dataDir(shared.resolve("kafka")).superUser(USER, PASSWORD)
            .saslSslListener("SASL_SSL_CLIENTS", 0, tls.keyStore(), tls.password()).ownShutdownHook(false)
            .build().start();
        registry = BasicAuthProxy.start(TestInfrastructure.get().registryUrl(), REGISTRY_USER, REGISTRY_PASSWORD);
        try (Admin admin = Admin.create(KafkaAccess.scram(broker.bootstrapServers(), USER, PASSWORD)
            .clientConfig(Map.of()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(WITHOUT_ACLS,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), WITHOUT_ACLS_PASSWORD))).all()
                .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A production config file: the cluster, its TLS trust and SASL login, the registry and its credentials. */
    private Path config(final String user, final String password, final TestTlsStores trusted,
                        final String registryPassword) throws Exception {
        final Path file = dir.resolve("prod.yaml");
        Files.writeString(file, "settings:\n"
            + "  trailwatch.bootstrap.servers: " + broker.tlsBootstrapServers() + "\n"
            + "  trailwatch.schema.registry.url: " + registry.url() + "\n"
            + ProductionConfigFile.scramOverTls(user, password, trusted)
            + "  registry.basic.auth.user.info: " + REGISTRY_USER + ":" + registryPassword + "\n");
        return file;
    }

    private Path goodConfig() throws Exception {
        return config(USER, PASSWORD, tls, REGISTRY_PASSWORD);
    }

    /** Up with the config file, which must give up: exit code 1 and what it printed beyond its stop report. */
    private List<String> refusedStart(final Path config, final String... secrets) throws Exception {
        final UpProcess up = UpProcess.start("--config", config.toString(), "--no-archive", "--data-dir",
            dir.resolve("data").toString(), "--http-port", String.valueOf(FreePorts.pick()));
        try {
            assertThat(up.process().waitFor(90, TimeUnit.SECONDS)).as("up gives up").isTrue();
        } finally {
            up.kill();
        }
        assertThat(up.process().exitValue()).as(up.transcript()).isEqualTo(1);
        for (final String secret : secrets) {
            assertThat(up.transcript()).doesNotContain(secret);
        }
        final List<String> lines = JoinSecuredClusterIT.problemLines(up);
        assertThat(lines).as(up.transcript()).hasSize(1);
        return lines;
    }

    @Test
    void upJoinsOverTlsAndACallsAuditRecordReachesLookupEventsAndDoctorPasses() throws Exception {
        final Path config = goodConfig();
        final CommandLineRunner doctor = CommandLineRunner.run("doctor", "--config", config.toString());
        assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
        assertThat(doctor.out()).contains("ok: Kafka at " + broker.tlsBootstrapServers() + " answers")
            .contains("ok: schema registry at " + registry.url() + " answers").doesNotContain("problem:")
            .doesNotContain(PASSWORD).doesNotContain(REGISTRY_PASSWORD).doesNotContain(tls.password());

        final int[] ports = FreePorts.pick(2);
        final int port = ports[0];
        final Path data = dir.resolve("data");
        // With the archive: a Connect worker whose connectors log in over TLS and read the authenticating registry.
        final UpProcess up = UpProcess.start("--config", config.toString(), "--data-dir", data.toString(),
            "--http-port", String.valueOf(port), "--s3-port", String.valueOf(ports[1]));
        try {
            up.awaitUp(Duration.ofMinutes(3));
            assertThat(up.transcript()).contains("Kafka bootstrap servers  " + broker.tlsBootstrapServers());
            // Kafka over TLS, the processors and the registry with its credentials: all UP.
            final java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + port + "/v1/health")).build();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> java.net.http.HttpClient.newHttpClient()
                .send(health, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            final CallerCredentials administrator = CallerCredentials.resolve("trailwatch",
                data.resolve("credentials"), Map.of()).credentials();
            final String endpoint = "http://127.0.0.1:" + port;
            final String unique = UniqueNames.of("audited");
            final String group = "/tls/" + unique;
            final Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (CloudWatchLogsClient logs = AwsClients.logs(endpoint, administrator);
                 CloudTrailClient trail = AwsClients.cloudTrail(endpoint, administrator)) {
                logs.createLogGroup(create -> create.logGroupName(group));
                final LookupAttribute byGroup = LookupAttribute.builder()
                    .attributeKey(LookupAttributeKey.RESOURCE_NAME).attributeValue(TestIdentity.NAMES.logGroup(group))
                    .build();
                final List<Event> events = Awaitility.await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> trail.lookupEvents(lookup -> lookup.lookupAttributes(byGroup)
                        .startTime(before.minusSeconds(1))).events(), found -> !found.isEmpty());
                assertThat(events).extracting(Event::eventName).containsExactly("CreateLogGroup");
            }
            // The archive connector decoded the record with the writer schema it fetched from the registry.
            final Path bucket = data.resolve("s3").resolve("trailwatch-archive");
            Awaitility.await("the call's record in an archived CloudTrail file").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).until(() -> archivedFilesMention(bucket, unique));
            assertThat(registry.served()).as("requests the registry took with the credentials").isPositive();
            // Confluent's clients reach the registry through Trailwatch's /registry, which logs in to it as the
            // rest of Trailwatch does.
            final int servedBefore = registry.served();
            final java.net.http.HttpResponse<String> subjects = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint + "/registry/subjects"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (administrator.accessKeyId() + ":" + administrator.secretAccessKey())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).as(subjects.body()).isEqualTo(200);
            assertThat(subjects.body()).contains("trailwatch.audit");
            assertThat(registry.served()).isGreaterThan(servedBefore);
        } finally {
            up.stop(Duration.ofSeconds(60));
        }
        assertThat(up.transcript()).doesNotContain(PASSWORD).doesNotContain(REGISTRY_PASSWORD)
            .doesNotContain(tls.password());
    }

    /** Whether a CloudTrail log file of the archive holds the text. */
    private static boolean archivedFilesMention(final Path bucket, final String text) throws java.io.IOException {
        if (!Files.isDirectory(bucket)) {
            return false;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(bucket)) {
            for (final Path file : paths.filter(path -> path.toString().contains("/CloudTrail/")
                && path.toString().endsWith(".json.gz")).toList()) {
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                    if (new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains(text)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aWrongPasswordIsOneLine() throws Exception {
        final List<String> lines = refusedStart(config(USER, "not-the-password", tls, REGISTRY_PASSWORD),
            "not-the-password");
        assertThat(lines.get(0)).startsWith("trailwatch up: Kafka at " + broker.tlsBootstrapServers()
            + " refused the login").contains("kafka.sasl.jaas.config");
    }

    @Test
    void aCertificateTheTrustStoreDoesNotHoldIsOneLine(@TempDir final Path elsewhere) throws Exception {
        final TestTlsStores stranger = TestTlsStores.generate(elsewhere, "stranger");
        final List<String> lines = refusedStart(config(USER, PASSWORD, stranger, REGISTRY_PASSWORD), PASSWORD);
        assertThat(lines.get(0)).startsWith("trailwatch up: Kafka at " + broker.tlsBootstrapServers()
            + ": the TLS handshake failed").contains("kafka.ssl.truststore.location");
    }

    @Test
    void aPrincipalWithoutAclsIsOneLine() throws Exception {
        final List<String> lines = refusedStart(config(WITHOUT_ACLS, WITHOUT_ACLS_PASSWORD, tls, REGISTRY_PASSWORD),
            WITHOUT_ACLS_PASSWORD);
        assertThat(lines.get(0)).startsWith("trailwatch up: Kafka at " + broker.tlsBootstrapServers()
            + " does not allow the principal").contains("ALTER").contains("super.users").contains("kafka-acls");
    }

    @Test
    void aWrongRegistryPasswordIsOneLine() throws Exception {
        final List<String> lines = refusedStart(config(USER, PASSWORD, tls, "not-the-registry-password"),
            "not-the-registry-password", PASSWORD);
        assertThat(lines).containsExactly("trailwatch up: schema registry at " + registry.url() + " refused the "
            + "credentials (HTTP 401): set registry.basic.auth.user.info or registry.bearer.auth.token");
    }
}
