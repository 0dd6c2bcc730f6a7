package io.trailwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three KRaft nodes as child JVMs, secured and replicated as production (SASL/SCRAM over TLS, ACLs): a client that does
 * not trust the cluster's certificate or has a wrong password is refused; the leader of a partition SIGKILLed while a
 * producer writes, another takes over, the crashed node comes back on its data directory and catches up; a reader
 * finds every acknowledged record once.
 */
class KafkaClusterIT {

    private static final String USER = "cluster-admin";
    private static final String PASSWORD = "cluster-secret-7";
    private static final String TOPIC = "cluster-survivors";
    private static final int PARTITIONS = 3;

    @Test
    void aKilledLeaderIsReplacedAndComesBackAndNoAcknowledgedRecordIsLostOrDoubled(@TempDir final Path dir)
        throws Exception {
        final Instant begin = Instant.now();
        final TestTlsStores tls = TestTlsStores.generate(dir, "cluster");
        try (KafkaCluster cluster = KafkaCluster.builder().dataDir(dir.resolve("kafka")).superUser(USER, PASSWORD)
            .tls(tls.keyStore(), tls.trustStore(), tls.password()).build().start()) {
            System.out.printf("3-node cluster up in %d ms%n", Duration.between(begin, Instant.now()).toMillis());
            assertThat(cluster.access().security()).containsEntry("security.protocol", "SASL_SSL");
            assertThatThrownBy(() -> listTopics(cluster.access(USER, "wrong")))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            final TestTlsStores stranger = TestTlsStores.generate(dir, "stranger");
            assertThatThrownBy(() -> listTopics(KafkaAccess.scramOverTls(cluster.bootstrapServers(), USER, PASSWORD,
                stranger.trustStore(), stranger.password()))).hasCauseInstanceOf(SslAuthenticationException.class);
            assertThatThrownBy(() -> listTopics(KafkaAccess.scram(cluster.bootstrapServers(), USER, PASSWORD)))
                .as("SASL without TLS").isInstanceOf(ExecutionException.class);
            final Admin admin = cluster.admin();
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) -1))).all().get(30, TimeUnit.SECONDS);
            // Replicated as production: the brokers' defaults, the topic created with none of its own.
            final ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            org.awaitility.Awaitility.await("the topic known to every broker").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().untilAsserted(() -> {
                    final TopicDescription created = admin.describeTopics(List.of(TOPIC)).allTopicNames().get()
                        .get(TOPIC);
                    assertThat(created.partitions()).allSatisfy(info -> assertThat(info.replicas()).hasSize(3));
                    assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic)
                        .get("min.insync.replicas").value()).isEqualTo("2");
                });

            try (Writer writer = new Writer(cluster.access())) {
                writer.awaitAcknowledged(50);
                final int leader = cluster.leaderOf(TOPIC, 0);
                final int before = writer.acknowledgedOn(0);
                final Instant killed = Instant.now();
                cluster.kill(leader);
                writer.awaitAcknowledgedOn(0, before + 20);
                final Duration takeover = Duration.between(killed, Instant.now());
                assertThat(cluster.leaderOf(TOPIC, 0)).isNotEqualTo(leader);

                cluster.restart(leader);
                cluster.awaitFullyReplicated(List.of(TOPIC), Duration.ofSeconds(60));
                final Duration whole = Duration.between(killed, Instant.now());
                writer.awaitAcknowledged(50);
                System.out.printf("kill -9 of node %d (leader of %s-0): writes to it acknowledged again after %d ms, "
                    + "the node back with every replica in sync after %d ms%n", leader, TOPIC, takeover.toMillis(),
                    whole.toMillis());
                writer.close();
                final List<String> read = readCommitted(cluster.access(), writer.acknowledged().size());
                assertThat(Set.copyOf(read)).containsAll(writer.acknowledged());
                assertThat(read).as("no record twice").doesNotHaveDuplicates();
                System.out.printf("%d records acknowledged, each read once%n", writer.acknowledged().size());
            }
        }
    }

    /** Lists the topics as the client configured by {@code access} (10 s at most). */
    private static void listTopics(final KafkaAccess access) throws Exception {
        try (Admin admin = Admin.create(access.clientConfig(Map.of("default.api.timeout.ms", 10_000,
            "request.timeout.ms", 5_000)))) {
            admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readCommitted(final KafkaAccess access, final int expected) {
        final Map<String, Object> config = new HashMap<>(access.clientConfig(Map.of()));
        config.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new StringDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final List<String> values = new ArrayList<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // One more poll: a record written twice would come after the expected count.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> values.add(record.value()));
            return values;
        }
    }

    /** An idempotent producer (acks=all) writing a numbered record every 20 ms, round robin over the partitions. */
    private static final class Writer implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final Map<Integer, Set<String>> byPartition = new ConcurrentHashMap<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean running = true;

        Writer(final KafkaAccess access) {
            final Map<String, Object> config = new HashMap<>(access.clientConfig(Map.of()));
            config.put("acks", "all");
            config.put("enable.idempotence", "true");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
            thread = new Thread(this::run, "cluster-writer");
            thread.start();
        }

        private void run() {
            for (long n = 0; running; n++) {
                final String value = "record-" + n;
                final int partition = (int) (n % PARTITIONS);
                producer.send(new ProducerRecord<>(TOPIC, partition, value, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                        byPartition.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(value);
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
                try {
                    Thread.sleep(20); // the pace of the writes
                } catch (final InterruptedException e) {
                    return;
                }
            }
        }

        int acknowledgedOn(final int partition) {
            return byPartition.getOrDefault(partition, Set.of()).size();
        }

        void awaitAcknowledged(final int more) {
            final int target = acknowledged.size() + more;
            awaitUntil(() -> acknowledged.size() >= target);
        }

        void awaitAcknowledgedOn(final int partition, final int count) {
            awaitUntil(() -> acknowledgedOn(partition) >= count);
        }

        private void awaitUntil(final java.util.concurrent.Callable<Boolean> condition) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> condition.call() || failure.get() != null);
            assertThat(failure.get()).as("the writes").isNull();
        }

        Set<String> acknowledged() {
            return Collections.unmodifiableSet(acknowledged);
        }

        @Override
        public void close() throws InterruptedException {
            if (running) {
                running = false;
                thread.join(10_000);
                producer.flush();
                producer.close();
                assertThat(failure.get()).as("the writes").isNull();
            }
        }
    }
}
