package io.trailwatch.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.stack.ApicurioRegistry;
import io.trailwatch.stack.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;

/** A fresh broker and registry in a temporary directory, for one benchmark run. */
public final class BenchEnvironment implements AutoCloseable {

    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;
    private final Admin admin;

    public BenchEnvironment() throws IOException {
        dir = Files.createTempDirectory("trailwatch-bench");
        broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka"))
            .config("log.retention.ms", "-1").build().start();
        registry = ApicurioRegistry.builder().dataDir(dir.resolve("registry")).build().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.ccompatUrl();
    }

    public SerdeContext serdes() {
        return SerdeContext.forRegistry(registryUrl());
    }

    public Admin admin() {
        return admin;
    }

    public Path stateDir(final String name) throws IOException {
        return Files.createDirectories(dir.resolve("state").resolve(name));
    }

    /**
     * A producer of already serialized records for filling a topic before a run (acks all, batched, one request in
     * flight so that records keep their order). Not idempotent, with long timeouts: on a loaded machine the broker
     * answers slowly, and an idempotent producer whose batches expired resent them out of sequence
     * (OutOfOrderSequenceException without end); filling a topic needs neither its guarantee nor its checks.
     */
    public KafkaProducer<byte[], byte[]> bulkProducer() {
        return new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void createTopics(final List<Topic<?, ?>> topics) {
        TopicSetup.ensure(admin, topics);
    }

    /** Stops everything and deletes the run's data: a lookup run leaves gigabytes of state behind otherwise. */
    @Override
    public void close() {
        admin.close();
        registry.close();
        broker.close();
        try {
            Utils.delete(dir.toFile());
        } catch (final IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
