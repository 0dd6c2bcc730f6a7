package io.trailwatch.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka Connect worker in standalone mode, as a child JVM (Connect's Jetty must not meet Javalin's), running
 * the given connectors from the plugins under {@code plugin.path}. Sink offsets live in the connector's consumer
 * group, so a restarted worker resumes where the last one committed.
 *
 * <p>Locked down: the REST API listens on 127.0.0.1 only and answers only requests with HTTP Basic credentials
 * ({@link #credentials()}), checked by Connect's own {@code BasicAuthSecurityRestExtension} against a JAAS
 * {@code PropertyFileLoginModule} file; the password is generated on the first start and kept owner-only in the work
 * directory ({@value #REST_USERS_FILE}), so a restarted worker takes the same one. Connector secrets (the
 * {@link Builder#secretKeys keys named}, and any whose name says password or secret, see
 * {@link ConnectorSecrets#isSecret}) are written to the owner-only {@value ConnectorSecrets#FILE_NAME} and the
 * connectors get {@code ${file:...}} references to them, resolved by Kafka's {@code FileConfigProvider}: no config
 * the REST API returns holds one. Connectors may not override their clients' settings
 * ({@code connector.client.config.override.policy=None}). Every file the worker is given is owner-only, in an
 * owner-only directory.
 *
 * <pre>{@code
 * try (ConnectWorker worker = ConnectWorker.builder().bootstrapServers(bootstrap).workDir(dir)
 *         .pluginPath(plugins).connector(Map.of("name", "archive", "connector.class", "...")).build().start()) {
 *     worker.awaitRunning("archive", Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    /** The user of the REST API. */
    public static final String REST_USER = "trailwatch";
    /** Connect's {@code PropertyFileLoginModule} file, {@code user=password}: where the password is kept. */
    public static final String REST_USERS_FILE = "rest-users.properties";
    /** The JAAS configuration naming {@value #REST_USERS_FILE}, given to the worker's JVM. */
    public static final String JAAS_FILE = "rest-jaas.conf";
    private static final String BASIC_AUTH_EXTENSION =
        "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
    private static final String LOGIN_MODULE = "org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String bootstrapServers;
    private final Path workDir;
    private final Path pluginPath;
    private final Map<String, String> workerConfigs;
    private final List<Map<String, String>> connectors;
    private final List<String> jvmOptions;
    private final Set<String> secretKeys;
    private final List<String> restExtensions;
    private final Duration startupTimeout;
    private final boolean ownShutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ChildJvm child;
    private int restPort;
    private ConnectCredentials credentials;

    private ConnectWorker(final Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.workDir = builder.workDir.toAbsolutePath().normalize();
        this.pluginPath = builder.pluginPath.toAbsolutePath().normalize();
        this.workerConfigs = Map.copyOf(builder.workerConfigs);
        this.connectors = List.copyOf(builder.connectors);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.secretKeys = Set.copyOf(builder.secretKeys);
        this.restExtensions = List.copyOf(builder.restExtensions);
        this.startupTimeout = builder.startupTimeout;
        this.ownShutdownHook = builder.ownShutdownHook;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the worker and returns once its REST API answers (the connectors start right after). */
    public synchronized ConnectWorker start() {
        final long startedAt = System.nanoTime();
        restPort = FreePorts.pick();
        OwnerOnlyFiles.directory(workDir);
        credentials = loadOrCreateCredentials(workDir.resolve(REST_USERS_FILE));
        final Path jaas = OwnerOnlyFiles.write(workDir.resolve(JAAS_FILE), jaasConfig(workDir.resolve(REST_USERS_FILE)));
        final ConnectorSecrets secrets = new ConnectorSecrets(workDir.resolve(ConnectorSecrets.FILE_NAME), secretKeys);
        final List<String> launch = new ArrayList<>(List.of("-cp",
            ChildJvm.builtPath("connect.lib", "Kafka Connect runtime libraries") + "/*",
            "org.apache.kafka.connect.cli.ConnectStandalone", write("worker.properties", workerProperties()).toString()));
        for (int i = 0; i < connectors.size(); i++) {
            launch.add(write("connector-" + i + ".properties", secrets.externalize(connectors.get(i))).toString());
        }
        secrets.write();
        // What the worker logs (connector configs among it) is the owner's only, too.
        OwnerOnlyFiles.file(logFile());
        final List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Djava.security.auth.login.config=" + jaas);
        options.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        options.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn");
        options.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common=warn");
        options.add("-Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn");
        options.add("-Dorg.slf4j.simpleLogger.log.org.reflections=warn");
        child = new ChildJvm("Kafka Connect worker", options, launch, workDir.resolve("connect.log"))
            .pidFile(workDir.resolve("connect.pid"), workDir.resolve("worker.properties").toString());
        if (!ownShutdownHook) {
            child.withoutShutdownHook();
        }
        child.start();
        try {
            child.awaitReady(this::answers, startupTimeout);
        } catch (final RuntimeException e) {
            child.close();
            throw e;
        }
        LOG.info("Kafka Connect worker ready at {} (pid {}, plugins {}) in {} ms", restUrl(), child.pid(), pluginPath,
            (System.nanoTime() - startedAt) / 1_000_000);
        // Restarted with the same files (port, connectors) when it exits on its own; its sink tasks resume from the
        // offsets their consumer groups committed.
        child.supervise(this::answers, startupTimeout);
        return this;
    }

    /** Whether the REST API answers now. */
    public boolean answers() {
        return get("/").statusCode() == 200;
    }

    /** What the supervisor knows of the worker's process: running, restarting after an exit, or stopped. */
    public synchronized ChildStatus processStatus() {
        return child == null ? new ChildStatus("Kafka Connect worker", ChildStatus.State.STOPPED, -1,
            java.time.Instant.now(), 0, null) : child.status();
    }

    /** The names of the connectors this worker runs. */
    public List<String> connectorNames() {
        return connectors.stream().map(config -> config.get("name")).toList();
    }

    /**
     * Waits until the connector and every one of its tasks are RUNNING.
     *
     * @throws IllegalStateException when one FAILED (with its trace) or the timeout passed
     */
    public void awaitRunning(final String connector, final Duration timeout) {
        final String[] last = {""};
        child.awaitReady(() -> {
            final Response status = get("/connectors/" + connector + "/status");
            last[0] = status.body();
            if (status.statusCode() != 200) {
                return false;
            }
            final JsonNode node = parse(status.body());
            if (node.toString().contains("\"FAILED\"")) {
                throw new IllegalStateException("connector " + connector + " failed: " + status.body());
            }
            final JsonNode tasks = node.path("tasks");
            boolean running = "RUNNING".equals(node.path("connector").path("state").asText()) && tasks.size() > 0;
            for (final JsonNode task : tasks) {
                running &= "RUNNING".equals(task.path("state").asText());
            }
            return running;
        }, timeout);
    }

    /** The user and password of the REST API (known once started). */
    public ConnectCredentials credentials() {
        return credentials;
    }

    /** Where connector secrets are kept, which {@code ${file:...}} references in the connectors' configs name. */
    public Path secretsFile() {
        return workDir.resolve(ConnectorSecrets.FILE_NAME);
    }

    /** Where the REST API's password is kept, owner-only, as {@code trailwatch=<password>}. */
    public Path credentialsFile() {
        return workDir.resolve(REST_USERS_FILE);
    }

    /** The connector's status as Connect's REST API reports it (JSON). */
    public String status(final String connector) {
        return get("/connectors/" + connector + "/status").body();
    }

    /** {@code http://127.0.0.1:<port>}: Connect's REST API. */
    public String restUrl() {
        return "http://" + HOST + ":" + restPort;
    }

    public Path logFile() {
        return workDir.resolve("connect.log");
    }

    public boolean isRunning() {
        return child != null && child.isRunning();
    }

    /** Kills the worker with SIGKILL, as a crash: no task is stopped, no offset committed. */
    public synchronized void kill() {
        if (child != null) {
            LOG.info("Killing Kafka Connect worker pid {}", child.pid());
            child.kill();
        }
    }

    @Override
    public synchronized void close() {
        if (child != null) {
            child.close();
            child = null;
        }
    }

    private Map<String, String> workerProperties() {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("listeners", "http://" + HOST + ":" + restPort);
        props.put("plugin.path", pluginPath.toString());
        // Plugins are found through their ServiceLoader manifests, without scanning every class: starts in seconds.
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("offset.storage.file.filename", workDir.resolve("connect.offsets").toString());
        props.put("offset.flush.interval.ms", "5000");
        // A connector may not change its Kafka clients' settings (where they connect, as whom): settings its
        // connectors need are the worker's. The archive reads batches of tens of thousands of records: bigger polls
        // and fetches spend less per record in Connect's loop and the consumer.
        props.put("connector.client.config.override.policy", "None");
        props.put("consumer.max.poll.records", "5000");
        props.put("consumer.max.partition.fetch.bytes", String.valueOf(4 * 1024 * 1024));
        // A worker that crashed leaves its sink consumers in their groups until their sessions time out: the
        // restarted worker's tasks wait for that (Kafka's 45 s by default), and so does stopping them meanwhile.
        // On one machine 10 s is plenty to tell a dead worker from a busy one.
        props.put("consumer.session.timeout.ms", "10000");
        props.put("consumer.heartbeat.interval.ms", "3000");
        // Each connector's tasks get this long to stop gracefully, one connector after the other: `trailwatch up`
        // stops within 15 s.
        props.put("task.shutdown.graceful.timeout.ms", "3000");
        // HTTP Basic authentication of every REST call, by Connect's own extension and the JAAS file.
        // The builder's extensions serve on the same API, behind the same authentication.
        final List<String> extensions = new ArrayList<>(List.of(BASIC_AUTH_EXTENSION));
        extensions.addAll(restExtensions);
        props.put("rest.extension.classes", String.join(",", extensions));
        // ${file:...} references in connector configs resolve from files in the work directory, and no other.
        props.putAll(ConnectorSecrets.workerConfig(workDir));
        props.putAll(workerConfigs);
        return props;
    }

    /**
     * The REST API's credentials kept in {@code file} ({@value #REST_USERS_FILE}: {@code trailwatch=<password>}, the
     * format of Connect's {@code PropertyFileLoginModule}), or new ones with a random password written there
     * owner-only on the first start.
     */
    static ConnectCredentials loadOrCreateCredentials(final Path file) {
        if (Files.isRegularFile(file)) {
            final Properties users = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                users.load(in);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            final String password = users.getProperty(REST_USER);
            if (password != null && !password.isEmpty()) {
                OwnerOnlyFiles.file(file);
                return new ConnectCredentials(REST_USER, password);
            }
        }
        final byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        final ConnectCredentials created = new ConnectCredentials(REST_USER,
            Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        // Never empty: Connect's login module lets every request through when its file has no user.
        OwnerOnlyFiles.write(file, "# Kafka Connect REST API users (PropertyFileLoginModule): user=password. Owner-only.\n"
            + REST_USER + "=" + created.password() + "\n");
        return created;
    }

    /** The {@code KafkaConnect} login context that Connect's basic auth extension asks JAAS for. */
    static String jaasConfig(final Path usersFile) {
        final String path = usersFile.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return "KafkaConnect {\n  " + LOGIN_MODULE + " required\n  file=\"" + path + "\";\n};\n";
    }

    /** A properties file of the worker's, owner-only: worker settings may hold credentials for Kafka. */
    private Path write(final String name, final Map<String, String> props) {
        final StringBuilder text = new StringBuilder();
        props.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return OwnerOnlyFiles.write(workDir.resolve(name), text.toString());
    }

    private record Response(int statusCode, String body) { }

    private Response get(final String path) {
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(restUrl() + path))
                .header("Authorization", credentials.authorization())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (final IOException notListening) {
            return new Response(-1, notListening.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (final IOException e) {
            throw new IllegalStateException("Connect answered with something other than JSON: " + json, e);
        }
    }

    /** Configuration of a {@link ConnectWorker}. */
    public static final class Builder {

        private String bootstrapServers;
        private Path workDir;
        private Path pluginPath;
        private final Map<String, String> workerConfigs = new LinkedHashMap<>();
        private final List<Map<String, String>> connectors = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
        private final Set<String> secretKeys = new LinkedHashSet<>();
        private final List<String> restExtensions = new ArrayList<>();
        private Duration startupTimeout = Duration.ofSeconds(90);
        private boolean ownShutdownHook = true;

        private Builder() {
        }

        /**
         * Whether the worker is stopped by a shutdown hook of its own (the default) when this JVM exits; false when
         * the owner stops it in its own order (as {@code trailwatch up} does: right after the HTTP API).
         */
        public Builder ownShutdownHook(final boolean own) {
            this.ownShutdownHook = own;
            return this;
        }

        public Builder bootstrapServers(final String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "bootstrapServers");
            return this;
        }

        /**
         * Kafka and, on a secured cluster, how to log in: the security settings go to the worker's own clients and,
         * as worker settings ({@code consumer.}, {@code producer.}, {@code admin.}), to its connectors' clients,
         * which may not override them. They are kept in the owner-only worker.properties.
         */
        public Builder kafka(final KafkaAccess access) {
            bootstrapServers(access.bootstrapServers());
            access.security().forEach((name, value) -> {
                for (final String prefix : List.of("", "consumer.", "producer.", "admin.")) {
                    workerConfigs.putIfAbsent(prefix + name, value);
                }
            });
            return this;
        }

        /** Required: the worker's properties, log and (unused by sinks) source offsets file. */
        public Builder workDir(final Path dir) {
            this.workDir = Objects.requireNonNull(dir, "workDir");
            return this;
        }

        /** Required: a directory holding plugin directories, Connect's {@code plugin.path}. */
        public Builder pluginPath(final Path dir) {
            this.pluginPath = Objects.requireNonNull(dir, "pluginPath");
            return this;
        }

        /** A worker setting, overriding the defaults (e.g. {@code offset.flush.interval.ms}). */
        public Builder workerConfig(final String name, final String value) {
            workerConfigs.put(name, value);
            return this;
        }

        /** A connector to run, as its properties ({@code name}, {@code connector.class}, ...). */
        public Builder connector(final Map<String, String> config) {
            if (!config.containsKey("name")) {
                throw new IllegalArgumentException("a connector config needs a name");
            }
            connectors.add(Map.copyOf(config));
            return this;
        }

        /**
         * Connector settings whose values are secrets, kept out of the connectors' configs (beside those whose names
         * say password or secret): e.g. {@code s3.secret.access.key}.
         */
        public Builder secretKeys(final Collection<String> keys) {
            secretKeys.addAll(keys);
            return this;
        }

        /**
         * A {@code ConnectRestExtension} of the plugins to load besides the authentication (e.g. one serving the
         * worker's metrics): its routes are on the REST API, behind its HTTP Basic authentication.
         */
        public Builder restExtension(final String className) {
            restExtensions.add(Objects.requireNonNull(className, "className"));
            return this;
        }

        /** Replaces the child JVM's options (default {@code -Xmx1g}). */
        public Builder jvmOptions(final List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        public Builder startupTimeout(final Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public ConnectWorker build() {
            if (bootstrapServers == null || workDir == null || pluginPath == null) {
                throw new IllegalStateException("bootstrapServers, workDir and pluginPath are required");
            }
            return new ConnectWorker(this);
        }
    }
}
