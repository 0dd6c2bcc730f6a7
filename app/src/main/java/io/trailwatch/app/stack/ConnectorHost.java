package io.trailwatch.app.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.stack.ConnectWorker;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the local stack's connectors (archive, notifications) run: a Kafka Connect standalone worker started as a
 * child JVM, or an existing Connect cluster, which gets them through its REST API.
 */
public final class ConnectorHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorHost.class);
    /** System property naming the directory of Connect plugins, overriding the one beside the app's jar. */
    public static final String PLUGIN_PATH_PROPERTY = "trailwatch.connect.plugin.path";
    private static final Duration CONNECTOR_START_TIMEOUT = Duration.ofMinutes(2);

    private ConnectWorker worker;

    /**
     * Runs the connectors.
     *
     * @param connectUrl       an existing Connect cluster's REST URL, or null to start a worker
     * @param workDir          the local worker's directory (offsets, logs)
     * @param bootstrapServers Kafka, for the local worker
     */
    public ConnectorHost start(final String connectUrl, final Path workDir, final String bootstrapServers,
                               final List<Map<String, String>> connectors) {
        if (connectors.isEmpty()) {
            return this;
        }
        if (connectUrl != null) {
            connectors.forEach(config -> register(connectUrl, config));
            return this;
        }
        final ConnectWorker.Builder builder = ConnectWorker.builder().bootstrapServers(bootstrapServers)
            .workDir(workDir).pluginPath(pluginPath());
        connectors.forEach(builder::connector);
        worker = builder.build();
        worker.start();
        for (final Map<String, String> connector : connectors) {
            worker.awaitRunning(connector.get("name"), CONNECTOR_START_TIMEOUT);
        }
        return this;
    }

    /** Creates or updates a connector through Connect's REST API ({@code PUT /connectors/<name>/config}). */
    private static void register(final String connectUrl, final Map<String, String> config) {
        final String name = config.get("name");
        try {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    new URI(connectUrl.replaceAll("/+$", "") + "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(config)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Kafka Connect at " + connectUrl + " refused connector " + name + ": HTTP "
                    + response.statusCode() + " " + response.body());
            }
            LOG.info("Connector {} registered with Kafka Connect at {}", name, connectUrl);
        } catch (final IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot register connector " + name + " with Kafka Connect at " + connectUrl
                + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted registering connector " + name, e);
        }
    }

    /**
     * The Connect plugin directory: system property {@value #PLUGIN_PATH_PROPERTY}, else {@code connect-plugins}
     * beside the app's jar (or its classes directory), where the app's build unpacks the connectors.
     */
    static Path pluginPath() {
        final String property = System.getProperty(PLUGIN_PATH_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        try {
            final Path code = Path.of(ConnectorHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path plugins = code.getParent().resolve("connect-plugins");
            if (Files.isDirectory(plugins)) {
                return plugins;
            }
            throw new IllegalStateException("no Connect plugin directory at " + plugins + ": build the app module "
                + "(mvn -pl app -am package) or set system property " + PLUGIN_PATH_PROPERTY);
        } catch (final URISyntaxException e) {
            throw new IllegalStateException("cannot locate the app's code", e);
        }
    }

    /** Stops the local worker, if one was started; connectors registered with a cluster keep running there. */
    @Override
    public void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }
}
