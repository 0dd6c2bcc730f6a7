package io.trailwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.stack.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker of its own, not the shared one: what `trailwatch up` users see across restarts. */
class EmbeddedKafkaBrokerRestartIT {

    private static final String TOPIC = "restart-survivors";
    private static final String GROUP = "restart-group";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Test
    void recordsAndCommittedOffsetsSurviveARestartOnTheSameDataDirectory(@TempDir final Path dataDir) throws Exception {
        final String bootstrap;
        final String clusterId;
        final int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            bootstrap = broker.bootstrapServers();
            clusterId = broker.clusterId();
            port = broker.brokerPort();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(), new StringSerializer())) {
                for (final String value : List.of("one", "two", "three")) {
                    producer.send(new ProducerRecord<>(TOPIC, value, value)).get();
                }
            }
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(2)));
            }
        }

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.builder().dataDir(dataDir).brokerPort(port).build()
            .start()) {
            assertThat(restarted.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                assertThat(readAll(consumer, 3)).containsExactly("one", "two", "three");
                assertThat(consumer.committed(java.util.Set.of(PARTITION)).get(PARTITION).offset()).isEqualTo(2);
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(final String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", GROUP,
            "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> readAll(final KafkaConsumer<String, String> consumer, final int expected) {
        consumer.assign(List.of(PARTITION));
        consumer.seekToBeginning(List.of(PARTITION));
        final List<String> values = new ArrayList<>();
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        return values;
    }
}
