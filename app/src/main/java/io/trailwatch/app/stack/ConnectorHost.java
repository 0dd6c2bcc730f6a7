package io.trailwatch.app.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.http.HealthCheck;
import io.trailwatch.app.http.HealthChecks;
import io.trailwatch.app.http.HealthReport;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import io.trailwatch.sinks.metrics.WorkerMetricsExtension;
import io.trailwatch.sinks.notify.NotifyConnectors;
import io.trailwatch.stack.ConnectCredentials;
import io.trailwatch.stack.ConnectWorker;
import io.trailwatch.stack.ConnectorSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the local stack's connectors (archive, notifications) run: a Kafka Connect standalone worker started as a
 * child JVM, or an existing Connect cluster, which gets them through its REST API.
 *
 * <p>The local worker's REST API answers only its generated credentials ({@link #credentials()}, kept in
 * {@link #credentialsFile()}), and the connectors' secrets ({@link #SECRET_KEYS}) reach it as {@code ${file:...}}
 * references to {@link #secretsFile()}, so that no config the API returns holds one. An existing cluster is called
 * with the {@link Cluster}'s credentials, if any.
 */
public final class ConnectorHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorHost.class);
    /** System property naming the directory of Connect plugins, overriding the one beside the app's jar. */
    public static final String PLUGIN_PATH_PROPERTY = "trailwatch.connect.plugin.path";
    /** The settings of Trailwatch's connectors that are secrets, kept out of the configs Connect's API returns. */
    public static final Set<String> SECRET_KEYS = secretKeys();
    private static final Duration CONNECTOR_START_TIMEOUT = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final StopSequence stops;
    private final HealthReport health;
    private final HttpClient probes = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private ConnectWorker worker;

    /** A host whose local worker stops by itself (a shutdown hook, or {@link #close()}). */
    public ConnectorHost() {
        this(null, null);
    }

    /**
     * The connector host of a stack: the local worker stops in the stack's order (right after the HTTP API), and
     * the worker and each connector are in the stack's health report.
     */
    public ConnectorHost(final StopSequence stops, final HealthReport health) {
        this.stops = stops;
        this.health = health;
    }

    /**
     * An existing Kafka Connect cluster.
     *
     * @param url         its REST URL, without user info
     * @param credentials HTTP Basic credentials for its REST API, or null when it asks for none
     * @param secretsFile an owner-only file its workers read (as a {@code FileConfigProvider} named {@code file}) to
     *                    put the connectors' secrets in, referenced by the configs; null sends the values in the
     *                    configs
     */
    public record Cluster(String url, ConnectCredentials credentials, Path secretsFile) {

        /**
         * The cluster at {@code url}, whose user info ({@code http://user:password@host:8083}) gives the credentials
         * unless {@code username} and {@code password} do.
         *
         * @throws IllegalArgumentException for a URL that is not one, or a user without a password (or the reverse)
         */
        public static Cluster of(final String url, final String username, final String password,
                                 final Path secretsFile) {
            final URI uri;
            try {
                uri = new URI(url.trim());
            } catch (final URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
            }
            if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
            String user = null;
            String secret = null;
            final String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                final int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                secret = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            if (username != null) {
                user = username;
            }
            if (password != null) {
                secret = password;
            }
            if ((user == null) != (secret == null)) {
                throw new IllegalArgumentException("a Connect user needs a password, and a password a user "
                    + "(--connect-username and --connect-password, or user:password@ in the URL)");
            }
            final String bare;
            try {
                bare = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString().replaceAll("/+$", "");
            } catch (final URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
            }
            return new Cluster(bare, user == null ? null : new ConnectCredentials(user, secret), secretsFile);
        }

        private static String decode(final String part) {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs the connectors.
     *
     * @param connectUrl       an existing Connect cluster's REST URL (user info gives the credentials), or null to
     *                         start a worker
     * @param workDir          the local worker's directory (offsets, logs, credentials, secrets)
     * @param bootstrapServers Kafka, for the local worker
     */
    public ConnectorHost start(final String connectUrl, final Path workDir, final String bootstrapServers,
                               final List<Map<String, String>> connectors) {
        return start(connectUrl == null ? null : Cluster.of(connectUrl, null, null, null), workDir, bootstrapServers,
            connectors);
    }

    /**
     * Runs the connectors.
     *
     * @param cluster          an existing Connect cluster, or null to start a worker
     * @param workDir          the local worker's directory (offsets, logs, credentials, secrets)
     * @param bootstrapServers Kafka, for the local worker
     */
    public ConnectorHost start(final Cluster cluster, final Path workDir, final String bootstrapServers,
                               final List<Map<String, String>> connectors) {
        return start(cluster, workDir, KafkaAccess.plaintext(bootstrapServers), connectors);
    }

    /**
     * Runs the connectors.
     *
     * @param cluster    an existing Connect cluster, or null to start a worker
     * @param workDir    the local worker's directory (offsets, logs, credentials, secrets)
     * @param kafka      Kafka, and how the local worker logs in to it
     */
    public ConnectorHost start(final Cluster cluster, final Path workDir, final KafkaAccess kafka,
                               final List<Map<String, String>> connectors) {
        if (connectors.isEmpty()) {
            return this;
        }
        if (cluster != null) {
            register(cluster, connectors);
            watchConnectors(cluster, connectors);
            return this;
        }
        final ConnectWorker.Builder builder = ConnectWorker.builder().kafka(kafka)
            .workDir(workDir).pluginPath(pluginPath()).secretKeys(SECRET_KEYS).ownShutdownHook(stops == null)
            .restExtension(WorkerMetricsExtension.CLASS_NAME);
        connectors.forEach(builder::connector);
        worker = builder.build();
        if (stops != null) {
            stops.add(StopSequence.Stage.CONNECT, "Kafka Connect worker (offsets committed)", this);
        }
        worker.start();
        if (health != null) {
            final ConnectWorker running = worker;
            health.add(HealthChecks.supervised("connectWorker", running::processStatus, () -> running.answers()
                ? HealthCheck.Status.up("REST API at " + running.restUrl())
                : HealthCheck.Status.down("REST API at " + running.restUrl() + " does not answer")));
        }
        watchConnectors(new Cluster(worker.restUrl(), worker.credentials(), null), connectors);
        for (final Map<String, String> connector : connectors) {
            worker.awaitRunning(connector.get("name"), CONNECTOR_START_TIMEOUT);
        }
        return this;
    }

    /** The local worker's REST API ({@code http://127.0.0.1:<port>}), or null when none was started. */
    public String restUrl() {
        return worker == null ? null : worker.restUrl();
    }

    /** The local worker's REST credentials, or null when none was started. */
    public ConnectCredentials credentials() {
        return worker == null ? null : worker.credentials();
    }

    /** Where the local worker's REST password is kept (owner-only), or null when none was started. */
    public Path credentialsFile() {
        return worker == null ? null : worker.credentialsFile();
    }

    /** Where the local worker's connector secrets are kept (owner-only), or null when none was started. */
    public Path secretsFile() {
        return worker == null ? null : worker.secretsFile();
    }

    /** Each connector in the health report: UP while it and every one of its tasks run. */
    private void watchConnectors(final Cluster cluster, final List<Map<String, String>> connectors) {
        if (health == null) {
            return;
        }
        for (final Map<String, String> connector : connectors) {
            final String name = connector.get("name");
            health.add(HealthChecks.named("connector " + name, () -> connectorHealth(cluster, name)));
        }
    }

    /** From Connect's {@code GET /connectors/<name>/status}: the connector's state and each task's. */
    private HealthCheck.Status connectorHealth(final Cluster cluster, final String name) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(new URI(cluster.url() + "/connectors/" + name
            + "/status")).timeout(PROBE_TIMEOUT);
        if (cluster.credentials() != null) {
            request.header("Authorization", cluster.credentials().authorization());
        }
        final HttpResponse<String> response = probes.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return HealthCheck.Status.down("Kafka Connect answered HTTP " + response.statusCode());
        }
        final JsonNode status = JSON.readTree(response.body());
        final String state = status.path("connector").path("state").asText("UNKNOWN");
        boolean running = "RUNNING".equals(state) && status.path("tasks").size() > 0;
        final StringBuilder detail = new StringBuilder("connector ").append(state);
        if (status.path("tasks").isEmpty()) {
            detail.append(", no task");
        }
        for (final JsonNode task : status.path("tasks")) {
            final String taskState = task.path("state").asText("UNKNOWN");
            running &= "RUNNING".equals(taskState);
            detail.append(", task ").append(task.path("id").asInt()).append(' ').append(taskState);
            if (task.hasNonNull("trace")) {
                // The exception's type only: its message may quote a connector secret (a webhook URL holds a token).
                // The whole trace is in the worker's log, which only the data directory's owner reads.
                final String first = task.path("trace").asText().lines().findFirst().orElse("");
                detail.append(" (").append(first.contains(":") ? first.substring(0, first.indexOf(':')) : first)
                    .append("; see the Connect worker's log)");
            }
        }
        return running ? HealthCheck.Status.up(detail.toString()) : HealthCheck.Status.down(detail.toString());
    }

    private static void register(final Cluster cluster, final List<Map<String, String>> connectors) {
        final List<Map<String, String>> configs = new ArrayList<>();
        if (cluster.secretsFile() != null) {
            final ConnectorSecrets secrets = new ConnectorSecrets(cluster.secretsFile(), SECRET_KEYS);
            connectors.forEach(config -> configs.add(secrets.externalize(config)));
            secrets.write();
        } else {
            configs.addAll(connectors);
            final Set<String> inline = new TreeSet<>();
            connectors.forEach(config -> config.forEach((key, value) -> {
                if (value != null && !value.isEmpty() && ConnectorSecrets.isSecret(key, SECRET_KEYS)) {
                    inline.add(key);
                }
            }));
            if (!inline.isEmpty()) {
                LOG.warn("Kafka Connect at {} gets {} in the connector configs, which its REST API returns to whoever "
                    + "it lets read them; with --connect-secrets-file they go to a file its workers read through "
                    + "FileConfigProvider instead", cluster.url(), inline);
            }
        }
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        configs.forEach(config -> register(http, cluster, config));
    }

    /** Creates or updates a connector through Connect's REST API ({@code PUT /connectors/<name>/config}). */
    private static void register(final HttpClient http, final Cluster cluster, final Map<String, String> config) {
        final String name = config.get("name");
        try {
            final HttpRequest.Builder request = HttpRequest.newBuilder(
                    new URI(cluster.url() + "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .timeout(Duration.ofSeconds(30));
            if (cluster.credentials() != null) {
                request.header("Authorization", cluster.credentials().authorization());
            }
            final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new IllegalStateException("Kafka Connect at " + cluster.url() + " refused connector " + name
                    + ": HTTP " + response.statusCode() + (cluster.credentials() == null
                        ? " (it requires credentials: --connect-username and --connect-password, or user:password@ "
                            + "in --connect-url)"
                        : " (user " + cluster.credentials().username() + " was not accepted)"));
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Kafka Connect at " + cluster.url() + " refused connector " + name
                    + ": HTTP " + response.statusCode() + " " + response.body());
            }
            LOG.info("Connector {} registered with Kafka Connect at {}", name, cluster.url());
        } catch (final IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot register connector " + name + " with Kafka Connect at "
                + cluster.url() + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted registering connector " + name, e);
        }
    }

    private static Set<String> secretKeys() {
        final Set<String> keys = new HashSet<>(ArchiveConnectors.SECRET_KEYS);
        keys.addAll(NotifyConnectors.SECRET_KEYS);
        return Set.copyOf(keys);
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
