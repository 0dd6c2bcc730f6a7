package io.trailwatch.sinks.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.awaitility.Awaitility;

/**
 * Kafka Connect's standalone worker, the real runtime, in the test JVM. Plugins are found as a worker finds them
 * with {@code plugin.discovery=service_load}: through their ServiceLoader manifests.
 */
final class StandaloneWorker implements AutoCloseable {

    private final Connect<StandaloneHerder> connect;

    StandaloneWorker(final String bootstrapServers) throws Exception {
        final Path offsets = Files.createTempFile("connect-offsets", ".dat");
        connect = new ConnectStandalone().startConnect(Map.of(
            "bootstrap.servers", bootstrapServers,
            "key.converter", ByteArrayConverter.class.getName(),
            "value.converter", ByteArrayConverter.class.getName(),
            "offset.storage.file.filename", offsets.toString(),
            "offset.flush.interval.ms", "1000",
            "listeners", "http://127.0.0.1:0",
            "plugin.discovery", "service_load"));
    }

    /** Creates (or replaces) the connector and waits until its tasks run. */
    void deploy(final String name, final Map<String, String> config) throws Exception {
        final FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        final Map<String, String> named = new java.util.HashMap<>(config);
        named.put("name", name);
        connect.herder().putConnectorConfig(name, named, true, created);
        created.get(60, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            final ConnectorStateInfo status = connect.herder().connectorStatus(name);
            return !status.tasks().isEmpty()
                && status.tasks().stream().allMatch(task -> "RUNNING".equals(task.state()));
        });
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
