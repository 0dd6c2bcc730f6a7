package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.EmbeddedKafkaBroker;
import io.trailwatch.stack.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A user's own secured cluster (SASL/SCRAM-SHA-512, an authorizer, a super user), as {@code trailwatch up} and
 * {@code trailwatch doctor} meet it with the security settings of a config file: a wrong password is one line at
 * start-up, and Trailwatch's topics created by someone else with the wrong partitions or cleanup policy are one line
 * each, from doctor and from up, which then refuses to start.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
@ResourceLock(WholeStack.LOCK)
class JoinSecuredClusterIT {

    private static final String USER = "trailwatch-ops";
    private static final String PASSWORD = "ops-secret-42";

    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() {
        broker = EmbeddedKafkaBroker.builder().dataDir(brokerDir).superUser(USER, PASSWORD).ownShutdownHook(false)
            .build().start();
        // Made by someone else before Trailwatch first ran: too few partitions, and a table as a log.
        try (Admin admin = Admin.create(access(PASSWORD).clientConfig(Map.of()))) {
            admin.createTopics(List.of(new NewTopic(Topics.AUDIT.name(), Optional.of(1), Optional.empty()),
                new NewTopic(Topics.CONFIG.name(), Optional.of(Topics.CONFIG.partitions()), Optional.empty())
                    .configs(Map.of("cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaAccess access(final String password) {
        return KafkaAccess.scram(broker.bootstrapServers(), USER, password);
    }

    /** A production config file: the cluster and its security as settings, the password in the JAAS line. */
    private Path config(final String password) throws Exception {
        final Path file = dir.resolve("prod.yaml");
        Files.writeString(file, "settings:\n"
            + "  trailwatch.bootstrap.servers: " + broker.bootstrapServers() + "\n"
            + "  kafka.security.protocol: SASL_PLAINTEXT\n"
            + "  kafka.sasl.mechanism: SCRAM-SHA-512\n"
            + "  kafka.sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"" + USER + "\" password=\"" + password + "\";'\n");
        return file;
    }

    /** What up printed beyond its stop report and environment warnings (umask): problems, and anything else. */
    static List<String> problemLines(final UpProcess up) {
        return up.transcript().lines().filter(line -> !line.isBlank() && !line.startsWith("trailwatch: stop")
            && !line.startsWith("trailwatch up: warning:")).toList();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void wrongPasswordIsOneClearLineAtStartUp() throws Exception {
        final int[] ports = FreePorts.pick(1);
        final UpProcess up = UpProcess.start("--config", config("not-the-password").toString(),
            "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", "http://127.0.0.1:1",
            "--no-archive", "--data-dir", dir.resolve("data").toString(), "--http-port", String.valueOf(ports[0]));
        try {
            assertThat(up.process().waitFor(90, TimeUnit.SECONDS)).as("up gives up").isTrue();
        } finally {
            up.kill();
        }
        final List<String> lines = problemLines(up);
        assertThat(up.process().exitValue()).as(up.transcript()).isEqualTo(1);
        assertThat(lines).as(up.transcript()).hasSize(1);
        assertThat(lines.get(0)).startsWith("trailwatch up: Kafka at " + broker.bootstrapServers()
            + " refused the login").contains("SCRAM-SHA-512").contains("kafka.sasl.jaas.config")
            .doesNotContain("not-the-password");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void doctorAndUpNameEachMismatchedTopicWithWhatToChange() throws Exception {
        final Path config = config(PASSWORD);

        final CommandLineRunner doctor = CommandLineRunner.run("doctor", "--config", config.toString());

        assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isEqualTo(1);
        assertThat(doctor.out().lines().toList()).as(doctor.out()).containsExactlyInAnyOrder(
            "problem: topic " + Topics.AUDIT.name() + " has 1 partitions, Trailwatch needs "
                + Topics.AUDIT.partitions() + ": delete it (kafka-topics --delete --topic " + Topics.AUDIT.name()
                + ") and let trailwatch up create it, or recreate it with --partitions " + Topics.AUDIT.partitions(),
            "problem: topic " + Topics.CONFIG.name() + " has cleanup.policy=delete, Trailwatch needs compact: "
                + "kafka-configs --alter --entity-type topics --entity-name " + Topics.CONFIG.name()
                + " --add-config cleanup.policy=compact");

        final int[] ports = FreePorts.pick(1);
        final UpProcess up = UpProcess.start("--config", config.toString(), "--schema-registry-url",
            "http://127.0.0.1:1", "--no-archive", "--data-dir", dir.resolve("data").toString(), "--http-port",
            String.valueOf(ports[0]));
        try {
            assertThat(up.process().waitFor(90, TimeUnit.SECONDS)).as("up refuses to start").isTrue();
        } finally {
            up.kill();
        }
        assertThat(up.process().exitValue()).as(up.transcript()).isEqualTo(1);
        assertThat(problemLines(up)).as(up.transcript())
            .containsExactlyInAnyOrder(
                "trailwatch up: topic " + Topics.AUDIT.name() + " has 1 partitions, Trailwatch needs "
                    + Topics.AUDIT.partitions() + ": delete it (kafka-topics --delete --topic " + Topics.AUDIT.name()
                    + ") and let trailwatch up create it, or recreate it with --partitions "
                    + Topics.AUDIT.partitions(),
                "trailwatch up: topic " + Topics.CONFIG.name() + " has cleanup.policy=delete, Trailwatch needs "
                    + "compact: kafka-configs --alter --entity-type topics --entity-name " + Topics.CONFIG.name()
                    + " --add-config cleanup.policy=compact");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void doctorSaysOkOfAClusterAsTrailwatchNeedsIt() throws Exception {
        try (Admin admin = Admin.create(access(PASSWORD).clientConfig(Map.of()))) {
            admin.incrementalAlterConfigs(Map.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CONFIG.name()),
                List.of(new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(
                    "cleanup.policy", "compact"), org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
                .all().get(30, TimeUnit.SECONDS);
            admin.deleteTopics(List.of(Topics.AUDIT.name())).all().get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                !admin.listTopics().names().get().contains(Topics.AUDIT.name()));
        }

        final CommandLineRunner doctor = CommandLineRunner.run("doctor", "--config", config(PASSWORD).toString());

        assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
        assertThat(doctor.out()).contains("ok: Kafka at " + broker.bootstrapServers() + " answers")
            .contains("to be created by trailwatch up").containsPattern("ok: ACLs: ")
            .doesNotContain("problem:").doesNotContain(PASSWORD);
    }
}
