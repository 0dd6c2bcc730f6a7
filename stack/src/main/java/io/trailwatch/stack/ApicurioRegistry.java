package io.trailwatch.stack;

import io.trailwatch.schemas.registry.CompatibilityLevel;
import io.trailwatch.schemas.registry.RestSchemaRegistryClient;
import io.trailwatch.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 2.6 as a child process, serving the Confluent Schema Registry API at {@link #ccompatUrl()}.
 *
 * <p>The registry listens on 127.0.0.1 only, whatever the builder is given: it has no authentication of its own,
 * so other machines must reach it through an authenticated front (Trailwatch's HTTP API proxies its Confluent API).
 * At every start the global compatibility, and that of the {@linkplain Builder#ownSubjects own subjects}, is set
 * again (BACKWARD by default), so a change made while it ran does not outlive a restart.
 *
 * <p>With a data directory, schemas live in an H2 database file there, so ids stay the same across restarts;
 * without one, they live in memory. The child is stopped by {@link #close()} or, failing that, when this JVM
 * exits normally or on a signal.
 *
 * <pre>{@code
 * try (ApicurioRegistry registry = ApicurioRegistry.builder().dataDir(dir).build().start()) {
 *     String url = registry.ccompatUrl();
 * }
 * }</pre>
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);

    /** System property naming the unpacked Apicurio distribution, overriding the build-time location. */
    public static final String HOME_PROPERTY = "trailwatch.apicurio.home";
    /** Environment variable naming the unpacked Apicurio distribution, used when the property is absent. */
    public static final String HOME_ENV = "TRAILWATCH_APICURIO_HOME";

    private static final String HOST = "127.0.0.1";
    private static final String NAME = "Apicurio Registry";
    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final String STACK_PROPERTIES = "/io/trailwatch/stack/stack.properties";
    private static final String LOG_FILE = "registry.log";
    private static final String PID_FILE = "registry.pid";
    private static final int PORT_ATTEMPTS = 3;
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Environment variables Apicurio's own configuration reads (ports, storage, auth, event sinks). They are
     * removed from the child's environment so that only the builder decides how the registry runs.
     */
    private static final List<String> IGNORED_ENV_PREFIXES = List.of("QUARKUS_", "REGISTRY_", "KAFKA_", "HTTP_PORT",
        "K_SINK", "AUTH_ENABLED", "KEYCLOAK_", "LOG_LEVEL", "ENABLE_", "CORS_", "ANONYMOUS_", "ROLE_BASED_",
        "OWNER_ONLY_", "TENANT_MANAGER_");

    private final Path home;
    private final Path dataDir;
    private final int requestedPort;
    private final Duration startupTimeout;
    private final String maxHeap;
    private final CompatibilityLevel globalCompatibility;
    private final Map<String, Schema> ownSubjects;
    private final Map<String, String> systemProperties;

    private ChildJvm child;
    private int port;
    private Path logFile;
    private Path scratchDir;
    private boolean closed;
    private final boolean ownShutdownHook;

    private ApicurioRegistry(final Builder builder) {
        this.home = builder.home != null ? checkedHome(builder.home, "ApicurioRegistry.Builder.home") : defaultHome();
        this.dataDir = builder.dataDir == null ? null : builder.dataDir.toAbsolutePath().normalize();
        this.requestedPort = builder.port;
        this.startupTimeout = builder.startupTimeout;
        this.maxHeap = builder.maxHeap;
        this.globalCompatibility = builder.globalCompatibility;
        this.ownSubjects = new LinkedHashMap<>(builder.ownSubjects);
        this.systemProperties = Map.copyOf(builder.systemProperties);
        this.ownShutdownHook = builder.ownShutdownHook;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Apicurio distribution directory: system property {@value #HOME_PROPERTY}, else environment variable
     * {@value #HOME_ENV}, else where the stack module's build unpacked it.
     *
     * @throws IllegalStateException when none is set or the directory holds no runner jar
     */
    public static Path defaultHome() {
        final String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return checkedHome(Path.of(property), "system property " + HOME_PROPERTY);
        }
        final String env = System.getenv(HOME_ENV);
        if (env != null && !env.isBlank()) {
            return checkedHome(Path.of(env), "environment variable " + HOME_ENV);
        }
        final String built = stackProperties().getProperty("apicurio.home");
        if (built == null || built.isBlank() || built.contains("${")) {
            throw new IllegalStateException("Apicurio Registry location unknown: set system property " + HOME_PROPERTY
                + " or environment variable " + HOME_ENV + " to the unpacked apicurio-registry-app distribution");
        }
        return checkedHome(Path.of(built), "the trailwatch-stack build (" + STACK_PROPERTIES + ")");
    }

    /**
     * Starts the registry and returns once its Confluent API answers and the global compatibility, and that of
     * the own subjects, is set.
     *
     * @throws IllegalStateException when it does not answer within the startup timeout, with its log's last lines
     */
    public synchronized ApicurioRegistry start() {
        if (closed) {
            throw new IllegalStateException("registry was closed; build a new one to restart");
        }
        if (child != null) {
            throw new IllegalStateException("registry already started on port " + port);
        }
        final long startedAt = System.nanoTime();
        final Path runnerJar = runnerJar(home);
        try {
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                logFile = dataDir.resolve(LOG_FILE);
                // Before the port is checked: a registry left running by a killed owner holds it.
                Orphans.stop(NAME, dataDir.resolve(PID_FILE), dataDir.resolve("registry").toString());
            } else {
                scratchDir = Files.createTempDirectory("trailwatch-apicurio-");
                logFile = scratchDir.resolve(LOG_FILE);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create registry directory " + (dataDir != null ? dataDir : "in tmp"), e);
        }
        try {
            launchUntilReady(runnerJar);
            if (globalCompatibility != null) {
                final RestSchemaRegistryClient client = new RestSchemaRegistryClient(ccompatUrl());
                client.setCompatibility(null, globalCompatibility);
                pinOwnSubjects(client);
            }
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Apicurio Registry ready at {} (storage: {}, pid {}) in {} ms", ccompatUrl(),
            dataDir == null ? "in-memory" : "H2 file in " + dataDir, child.pid(),
            (System.nanoTime() - startedAt) / 1_000_000);
        // Restarted on the same port when it exits on its own: the proxy and the serdes know this URL.
        child.supervise(this::answers, startupTimeout);
        return this;
    }

    /**
     * Gives each own subject the global compatibility as its own: Apicurio's {@code GET /config/<subject>} says NONE
     * for a subject without a level of its own (whatever the global one), and a subject's level outlives a change of
     * the global one. A subject's level needs the subject, so its schema is registered first (a no-op when it is
     * there already).
     */
    private void pinOwnSubjects(final RestSchemaRegistryClient client) {
        for (final Map.Entry<String, Schema> subject : ownSubjects.entrySet()) {
            try {
                client.register(subject.getKey(), subject.getValue());
            } catch (final SchemaRegistryException e) {
                // e.g. a newer version this one is not compatible with: the subject exists, pin it all the same
                LOG.warn("Could not register the schema of {}: {}", subject.getKey(), e.getMessage());
            }
            client.setCompatibility(subject.getKey(), globalCompatibility);
        }
    }

    private void launchUntilReady(final Path runnerJar) {
        for (int attempt = 1; ; attempt++) {
            port = requestedPort == 0 ? FreePorts.pick() : requestedPort;
            if (requestedPort != 0 && !FreePorts.isFree(port)) {
                // Checked up front: another registry already on the port would answer the readiness probe.
                throw new IllegalStateException("cannot start Apicurio Registry: port " + port + " on " + HOST
                    + " is in use");
            }
            launch(runnerJar);
            final StartupResult result = awaitReady();
            if (result == StartupResult.READY) {
                break;
            }
            final String tail = logTail();
            stopProcess();
            if (result == StartupResult.PORT_TAKEN && requestedPort == 0 && attempt < PORT_ATTEMPTS) {
                LOG.info("Port {} was taken before Apicurio bound it; retrying with another port", port);
                continue;
            }
            throw new IllegalStateException("Apicurio Registry did not start on port " + port
                + (result == StartupResult.TIMED_OUT ? " within " + startupTimeout.toSeconds() + " s" : " (process exited)")
                + "; last lines of " + logFile + ":\n" + tail);
        }
    }

    /** Confluent Schema Registry API base URL: {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return baseUrl() + CCOMPAT_PATH;
    }

    /** {@code http://127.0.0.1:<port>}: the web console and Apicurio's native API. */
    public synchronized String baseUrl() {
        requireStarted();
        return "http://" + HOST + ":" + port;
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The data directory, or null for in-memory storage. */
    public Path dataDir() {
        return dataDir;
    }

    /** Where the child's stdout and stderr go. */
    public synchronized Path logFile() {
        return logFile;
    }

    public synchronized long pid() {
        requireStarted();
        return child.pid();
    }

    public synchronized boolean isRunning() {
        return child != null && child.isRunning();
    }

    /** What the supervisor knows of the registry's process: running, restarting after an exit, or stopped. */
    public synchronized ChildStatus status() {
        return child == null ? new ChildStatus(NAME, ChildStatus.State.STOPPED, -1, java.time.Instant.now(),
            0, null) : child.status();
    }

    /** Stops the child process and waits for it to exit. */
    @Override
    public synchronized void close() {
        closed = true;
        stopProcess();
        if (scratchDir != null) {
            deleteRecursively(scratchDir);
            scratchDir = null;
        }
    }

    /** The child's command line; system properties go before {@code -jar} or the JVM passes them to main(). */
    List<String> command(final Path runnerJar) {
        final List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable());
        command.add("-Xmx" + maxHeap);
        // C1 only and the serial collector: starts in ~2.5 s instead of ~5 s on 2 cores, and a local registry
        // serves too few requests for C2 to pay off.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Dfile.encoding=UTF-8");
        childProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-jar");
        command.add(runnerJar.toString());
        return command;
    }

    /**
     * Every system property given to the child: the stack's settings, then the builder's overrides, then the
     * interface and port, which no override moves off loopback.
     */
    Map<String, String> childProperties() {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.banner.enabled", "false");
        if (dataDir != null) {
            // WRITE_DELAY=0: a registration is on disk when the registry answers, even if the child is killed.
            props.put("quarkus.datasource.jdbc.url", "jdbc:h2:file:" + dataDir.resolve("registry") + ";WRITE_DELAY=0");
        } else {
            props.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:registry_db");
        }
        // Apicurio's production profile opens 20 pooled connections up front; one serves a local registry.
        props.put("quarkus.datasource.jdbc.initial-size", "1");
        props.put("quarkus.datasource.jdbc.min-size", "1");
        props.put("quarkus.datasource.jdbc.max-size", "10");
        props.putAll(systemProperties);
        props.put("quarkus.http.host", HOST);
        props.put("quarkus.http.port", String.valueOf(port));
        return props;
    }

    private void launch(final Path runnerJar) {
        final List<String> full = command(runnerJar);
        final int jar = full.indexOf("-jar");
        child = new ChildJvm(NAME, full.subList(1, jar), full.subList(jar, full.size()), logFile)
            .directory(home)
            .withoutEnvironment(name -> IGNORED_ENV_PREFIXES.stream().anyMatch(name::startsWith));
        if (dataDir != null) {
            // The H2 file's path names this registry's process only.
            child.pidFile(dataDir.resolve(PID_FILE), dataDir.resolve("registry").toString());
        }
        if (!ownShutdownHook) {
            child.withoutShutdownHook();
        }
        child.start();
    }

    private enum StartupResult { READY, PORT_TAKEN, EXITED, TIMED_OUT }

    private StartupResult awaitReady() {
        try {
            child.awaitReady(this::answers, startupTimeout);
            return StartupResult.READY;
        } catch (final IllegalStateException e) {
            if (!e.getMessage().contains("exited with code")) {
                return StartupResult.TIMED_OUT;
            }
            final String tail = logTail();
            return tail.contains("in use") || tail.contains("already bound") ? StartupResult.PORT_TAKEN
                : StartupResult.EXITED;
        }
    }

    /** Whether the Confluent API answers. */
    private boolean answers() {
        try {
            return PROBE.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + CCOMPAT_PATH
                + "/subjects")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200;
        } catch (final IOException notListeningYet) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void stopProcess() {
        if (child != null) {
            child.close();
            child = null;
        }
    }

    private String logTail() {
        return child == null ? "(no log)" : child.logTail();
    }

    private static Path runnerJar(final Path home) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(home, "apicurio-registry-app-*-runner.jar")) {
            for (final Path jar : jars) {
                return jar;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + home, e);
        }
        throw new IllegalStateException("no apicurio-registry-app-*-runner.jar in " + home);
    }

    private static Path checkedHome(final Path home, final String source) {
        final Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalStateException("Apicurio Registry directory " + absolute + " (from " + source
                + ") does not exist; build the stack module (mvn -pl stack install) or set " + HOME_PROPERTY);
        }
        runnerJar(absolute);
        return absolute;
    }

    private static Properties stackProperties() {
        final Properties properties = new Properties();
        try (InputStream in = ApicurioRegistry.class.getResourceAsStream(STACK_PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + STACK_PROPERTIES, e);
        }
        return properties;
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException | UncheckedIOException e) {
            LOG.debug("Cannot delete {}", dir, e);
        }
    }

    private void requireStarted() {
        if (child == null) {
            throw new IllegalStateException("registry is not running");
        }
    }

    /** Configuration of an {@link ApicurioRegistry}. */
    public static final class Builder {

        private Path home;
        private Path dataDir;
        private int port;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private String maxHeap = "256m";
        private boolean ownShutdownHook = true;
        private CompatibilityLevel globalCompatibility = CompatibilityLevel.BACKWARD;
        private final Map<String, Schema> ownSubjects = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** The unpacked apicurio-registry-app distribution; defaults to {@link ApicurioRegistry#defaultHome()}. */
        public Builder home(final Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** Where the H2 database and the log live; null (the default) keeps schemas in memory. */
        public Builder dataDir(final Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** HTTP port on 127.0.0.1; 0 (the default) picks a free port. */
        public Builder port(final int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** How long {@link ApicurioRegistry#start()} waits for the API to answer; 60 s by default. */
        public Builder startupTimeout(final Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Whether the registry installs its own shutdown hook (the default), stopping the child when this JVM exits;
         * false when the owner stops it in its own order (as {@code trailwatch up} does: after the processors).
         */
        public Builder ownShutdownHook(final boolean own) {
            this.ownShutdownHook = own;
            return this;
        }

        /** The child's maximum heap, as for {@code -Xmx}; {@code 256m} by default. */
        public Builder maxHeap(final String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
            return this;
        }

        /**
         * Global compatibility set once the registry answers; BACKWARD by default (Apicurio's own default is
         * NONE). Null leaves the registry's setting alone.
         */
        public Builder globalCompatibility(final CompatibilityLevel level) {
            this.globalCompatibility = level;
            return this;
        }

        /**
         * Subjects that keep the global compatibility as their own level, set again at every start (with their
         * schema, registered when missing): {@code GET /config/<subject>} then shows it, and lowering the global
         * level later does not lower theirs. Ignored when the global compatibility is left alone (null).
         */
        public Builder ownSubjects(final Map<String, Schema> schemasBySubject) {
            ownSubjects.putAll(Objects.requireNonNull(schemasBySubject, "schemasBySubject"));
            return this;
        }

        /**
         * An Apicurio or Quarkus setting for the child, e.g. {@code quarkus.log.level}; overrides the stack's, but
         * for the interface and port ({@code quarkus.http.host}, {@code quarkus.http.port}: loopback and
         * {@link #port}).
         */
        public Builder systemProperty(final String name, final String value) {
            systemProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        public ApicurioRegistry build() {
            return new ApicurioRegistry(this);
        }
    }
}
