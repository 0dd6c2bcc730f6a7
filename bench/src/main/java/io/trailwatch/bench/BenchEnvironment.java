package io.trailwatch.bench;

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
