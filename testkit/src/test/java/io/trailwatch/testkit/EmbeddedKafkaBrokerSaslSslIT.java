package io.trailwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's SASL_SSL listener as a client of a production cluster meets it: SCRAM over TLS with the cluster's
 * trust store works, an untrusted certificate or a wrong password is refused, and ACLs apply as on the SCRAM listener.
 * One broker for every case.
 */
class EmbeddedKafkaBrokerSaslSslIT {

    private static final String USER = "cluster-admin";
    private static final String PASSWORD = "admin-pass-7";
    private static final String TOPIC = "over-tls";

    @TempDir
    static Path dir;

    private static TestTlsStores tls;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBrokerWithATlsListener() {
        tls = TestTlsStores.generate(dir, "broker");
        broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).superUser(USER, PASSWORD)
            .saslSslListener("SASL_SSL_CLIENTS", 0, tls.keyStore(), tls.password()).ownShutdownHook(false)
            .build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** SCRAM over TLS, trusting the given trust store. */
    private static Map<String, Object> client(final String user, final String password, final TestTlsStores trusted) {
        return new HashMap<>(Map.of(
            "bootstrap.servers", broker.tlsBootstrapServers(),
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", KafkaAccess.SCRAM_SHA_512,
            "sasl.jaas.config", KafkaAccess.jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user,
                password),
            "ssl.truststore.type", "PKCS12",
            "ssl.truststore.location", trusted.trustStore().toString(),
            "ssl.truststore.password", trusted.password()));
    }

    @Test
    void aScramClientTrustingTheCertificateWritesAndReadsOverTls() throws Exception {
        assertThat(broker.tlsBootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo(broker.bootstrapServers());
        try (Admin admin = Admin.create(client(USER, PASSWORD, tls))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        final Map<String, Object> producer = client(USER, PASSWORD, tls);
        try (KafkaProducer<String, String> out = new KafkaProducer<>(producer, new StringSerializer(),
            new StringSerializer())) {
            out.send(new ProducerRecord<>(TOPIC, "k", "sealed")).get(30, TimeUnit.SECONDS);
        }
        final Map<String, Object> consumer = client(USER, PASSWORD, tls);
        consumer.put("group.id", "tls-readers");
        consumer.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> in = new KafkaConsumer<>(consumer, new StringDeserializer(),
            new StringDeserializer())) {
            in.subscribe(List.of(TOPIC));
            final List<String> read = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                final ConsumerRecords<String, String> records = in.poll(Duration.ofMillis(500));
                records.forEach(record -> read.add(record.value()));
                return !read.isEmpty();
            });
            assertThat(read).containsExactly("sealed");
        }
    }

    @Test
    void aCertificateTheClientDoesNotTrustFailsTheHandshake(@TempDir final Path other) {
        final TestTlsStores stranger = TestTlsStores.generate(other, "stranger");
        try (Admin admin = Admin.create(client(USER, PASSWORD, stranger))) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAfterTheHandshake() {
        try (Admin admin = Admin.create(client(USER, "not-" + PASSWORD, tls))) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aUserWithoutAclsLogsInButIsDeniedTopics() throws Exception {
        try (Admin admin = Admin.create(client(USER, PASSWORD, tls))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("nobody-granted",
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "nobody-pass"))).all()
                .get(30, TimeUnit.SECONDS);
        }
        try (Admin admin = Admin.create(client("nobody-granted", "nobody-pass", tls))) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(
                ExecutionException.class).until(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS)
                    .equals(broker.clusterId()));
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("not-allowed", 1, (short) 1))).all()
                .get(30, TimeUnit.SECONDS)).cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }
}
