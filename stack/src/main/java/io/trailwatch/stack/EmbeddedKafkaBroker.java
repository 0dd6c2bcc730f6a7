package io.trailwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft process acting as broker and controller,
 * listening on 127.0.0.1 only. Secured ({@link Builder#superUser}), clients authenticate with SASL/SCRAM-SHA-512 and
 * are authorized by ACLs; an optional second client listener takes SASL/PLAIN ({@link Builder#plainListener}) for
 * clients whose SCRAM Kafka 4 refuses, under the same ACLs; an optional TLS client listener takes SASL/SCRAM over
 * {@code SASL_SSL} ({@link Builder#saslSslListener}), as a production cluster does, under the same ACLs.
 *
 * <p>The data directory is formatted on first use only; starting again on the same directory keeps
 * every topic, record and committed offset. Instances are single-use: after {@link #close()}, build a
 * new one on the same directory to restart.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    /** Tries when this class chose a port and another process took it before the broker bound it. */
    private static final int PORT_ATTEMPTS = 3;

    /**
     * Broker settings for one node on a developer machine; {@link Builder#config} overrides any of them.
     * The listener, quorum, role and directory settings are derived from the builder and cannot be overridden.
     */
    public static final Map<String, String> DEFAULT_CONFIGS = defaults();

    private static final Set<String> MANAGED_CONFIGS = Set.of("process.roles", "node.id", "broker.id",
        "controller.quorum.voters", "controller.quorum.bootstrap.servers", "controller.listener.names", "listeners",
        "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name", "log.dirs", "log.dir",
        "metadata.log.dir");

    private final Path dataDir;
    private final int requestedBrokerPort;
    private final int requestedControllerPort;
    private final Map<String, String> configs;
    private final String superUser;
    private final String superPassword;
    private final boolean ownShutdownHook;
    private final PlainListener plainListener;
    private final TlsListener tlsListener;

    private KafkaRaftServer server;
    private int brokerPort;
    private int controllerPort;
    private int plainPort;
    private int tlsPort;
    private Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafkaBroker(final Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.requestedBrokerPort = builder.brokerPort;
        this.requestedControllerPort = builder.controllerPort;
        this.configs = Map.copyOf(builder.configs);
        this.superUser = builder.superUser;
        this.superPassword = builder.superPassword;
        this.ownShutdownHook = builder.ownShutdownHook;
        this.plainListener = builder.plainListener;
        this.tlsListener = builder.tlsListener;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, String> defaults() {
        final Map<String, String> defaults = new LinkedHashMap<>();
        // One node cannot hold more than one replica of the internal topics.
        defaults.put("offsets.topic.replication.factor", "1");
        defaults.put("transaction.state.log.replication.factor", "1");
        defaults.put("transaction.state.log.min.isr", "1");
        defaults.put("share.coordinator.state.topic.replication.factor", "1");
        defaults.put("share.coordinator.state.topic.min.isr", "1");
        defaults.put("default.replication.factor", "1");
        defaults.put("min.insync.replicas", "1");
        // Few partitions for internal topics: creating the default 50 delays the first consumer group by seconds.
        defaults.put("offsets.topic.num.partitions", "5");
        defaults.put("transaction.state.log.num.partitions", "5");
        defaults.put("share.coordinator.state.topic.num.partitions", "5");
        // A single member has nobody to wait for: join groups at once.
        defaults.put("group.initial.rebalance.delay.ms", "0");
        defaults.put("group.streams.initial.rebalance.delay.ms", "0");
        // Sized for a laptop or a 2-core CI box sharing the JVM with the application or the tests.
        defaults.put("num.network.threads", "2");
        defaults.put("num.io.threads", "4");
        defaults.put("background.threads", "4");
        // The default 128 MiB compaction buffer is allocated on the heap the broker shares with its host JVM.
        defaults.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return Map.copyOf(defaults);
    }

    /**
     * Formats the data directory if it was never formatted, then starts the broker and returns once it
     * accepts client requests.
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("broker on " + dataDir + " was closed; build a new one to restart");
        }
        if (server != null) {
            throw new IllegalStateException("broker on " + dataDir + " already started");
        }
        final long startedAt = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
        }
        formatIfNeeded();
        final int requestedPlainPort = plainListener == null ? -1 : plainListener.port();
        final int requestedTlsPort = tlsListener == null ? -1 : tlsListener.port();
        final boolean portsChosenHere = requestedBrokerPort == 0 || requestedControllerPort == 0
            || requestedPlainPort == 0 || requestedTlsPort == 0;
        for (int attempt = 1; ; attempt++) {
            final int[] free = portsChosenHere ? FreePorts.pick(4) : new int[] {0, 0, 0, 0};
            final int broker = requestedBrokerPort == 0 ? free[0] : requestedBrokerPort;
            final int controller = requestedControllerPort == 0 ? free[1] : requestedControllerPort;
            final int plain = requestedPlainPort == 0 ? free[2] : requestedPlainPort;
            final int tls = requestedTlsPort == 0 ? free[3] : requestedTlsPort;
            final KafkaRaftServer candidate = new KafkaRaftServer(KafkaConfig.fromProps(properties(broker, controller,
                plain, tls), false), Time.SYSTEM);
            try {
                startupWithoutHalting(candidate);
            } catch (final RuntimeException e) {
                stopQuietly(candidate);
                final boolean chosenPortTaken = requestedBrokerPort == 0 && !FreePorts.isFree(broker)
                    || requestedControllerPort == 0 && !FreePorts.isFree(controller)
                    || requestedPlainPort == 0 && !FreePorts.isFree(plain)
                    || requestedTlsPort == 0 && !FreePorts.isFree(tls);
                if (portsChosenHere && attempt < PORT_ATTEMPTS && (isBindFailure(e) || chosenPortTaken)) {
                    LOG.info("Port {}, {}, {} or {} was taken before Kafka bound it; retrying with other ports",
                        broker, controller, plain, tls);
                    continue;
                }
                throw new IllegalStateException("Kafka broker on " + dataDir + " failed to start (broker port " + broker
                    + ", controller port " + controller + (plainListener == null ? "" : ", PLAIN port " + plain)
                    + (tlsListener == null ? "" : ", SASL_SSL port " + tls) + "): " + e.getMessage(), e);
            }
            server = candidate;
            brokerPort = broker;
            controllerPort = controller;
            plainPort = plain;
            tlsPort = tls;
            break;
        }
        // Ctrl-C on `trailwatch up` or a test JVM exiting must still flush and close the logs cleanly,
        // or the next start on this directory spends time in log recovery.
        if (ownShutdownHook) {
            shutdownHook = new Thread(this::stop, "kafka-broker-shutdown-" + brokerPort);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        LOG.info("Kafka broker ready at {}{} (data {}, cluster {}) in {} ms", bootstrapServers(),
            (plainListener == null ? "" : ", SASL/PLAIN at " + plainBootstrapServers())
                + (tlsListener == null ? "" : ", SASL_SSL at " + tlsBootstrapServers()), dataDir, clusterId(),
            (System.nanoTime() - startedAt) / 1_000_000);
        return this;
    }

    /** {@code 127.0.0.1:<port>}, the value of {@code bootstrap.servers} for clients. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return HOST + ":" + brokerPort;
    }

    /** The port clients connect to; stays the same for the life of this instance. */
    public synchronized int brokerPort() {
        requireStarted();
        return brokerPort;
    }

    public synchronized int controllerPort() {
        requireStarted();
        return controllerPort;
    }

    /**
     * {@code 127.0.0.1:<port>} of the SASL/PLAIN listener ({@link Builder#plainListener}), for clients that cannot
     * use SCRAM; null when the broker has none.
     */
    public synchronized String plainBootstrapServers() {
        requireStarted();
        return plainListener == null ? null : HOST + ":" + plainPort;
    }

    /**
     * {@code 127.0.0.1:<port>} of the SASL_SSL listener ({@link Builder#saslSslListener}): SCRAM-SHA-512 over TLS
     * with the builder's key store; null when the broker has none.
     */
    public synchronized String tlsBootstrapServers() {
        requireStarted();
        return tlsListener == null ? null : HOST + ":" + tlsPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id written when the data directory was formatted; the same across restarts. */
    public String clusterId() {
        final Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve(META_PROPERTIES))) {
            meta.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + dataDir.resolve(META_PROPERTIES), e);
        }
        return meta.getProperty("cluster.id");
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down and waits until its logs are closed. */
    @Override
    public synchronized void close() {
        closed = true;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (final IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to run stop() itself.
            }
            shutdownHook = null;
        }
        stop();
    }

    private synchronized void stop() {
        if (server == null) {
            return;
        }
        final long stoppingAt = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
        LOG.info("Kafka broker on {} stopped in {} ms", dataDir, (System.nanoTime() - stoppingAt) / 1_000_000);
    }

    /** Whether clients must authenticate (SASL/SCRAM-SHA-512) and are authorized by ACLs. */
    public boolean secured() {
        return superUser != null;
    }

    private Properties properties(final int broker, final int controller, final int plain, final int tls) {
        final Properties props = new Properties();
        props.putAll(DEFAULT_CONFIGS);
        props.putAll(configs);
        if (secured()) {
            props.putAll(securedProperties());
        }
        if (plainListener != null) {
            props.putAll(plainListener.properties());
        }
        if (tlsListener != null) {
            props.putAll(tlsListener.properties());
        }
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // Static voters (kraft.version 0) keep no controller address in the metadata log, so the controller
        // port may differ from one start to the next on the same data directory.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controller);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        // Every client listener is advertised: a client is told the address of the listener it came in by.
        final String clients = BROKER_LISTENER + "://" + HOST + ":" + broker
            + (plainListener == null ? "" : "," + plainListener.name() + "://" + HOST + ":" + plain)
            + (tlsListener == null ? "" : "," + tlsListener.name() + "://" + HOST + ":" + tls);
        props.put("listeners", clients + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controller);
        props.put("advertised.listeners", clients);
        final String protocol = secured() ? "SASL_PLAINTEXT" : "PLAINTEXT";
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":" + protocol + "," + CONTROLLER_LISTENER + ":"
            + protocol + (plainListener == null ? "" : "," + plainListener.name() + ":SASL_PLAINTEXT")
            + (tlsListener == null ? "" : "," + tlsListener.name() + ":SASL_SSL"));
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", dataDir.toString());
        return props;
    }

    /** Clients and the broker itself authenticate and are authorized as every secured node (see KraftNodeSetup). */
    private Map<String, String> securedProperties() {
        return KraftNodeSetup.securedProperties(BROKER_LISTENER, CONTROLLER_LISTENER, superUser, superPassword);
    }

    private void formatIfNeeded() {
        if (Files.exists(dataDir.resolve(META_PROPERTIES))) {
            return;
        }
        final String printed = KraftNodeSetup.format("Kafka data directory", NODE_ID, Uuid.randomUuid().toString(),
            CONTROLLER_LISTENER, dataDir, superUser, superPassword);
        LOG.debug("Formatted {}: {}", dataDir, printed);
    }

    /**
     * Kafka answers a listener it cannot bind by halting the JVM from its fatal-fault handler, which would end
     * {@code trailwatch up} (or a test JVM) before {@link #start()} could retry on other ports. For the startup only,
     * a halt or exit Kafka asks for throws instead; the fault itself is in Kafka's log.
     */
    private static void startupWithoutHalting(final KafkaRaftServer candidate) {
        final Exit.Procedure fail = (status, message) -> {
            throw new HaltAskedDuringStartup(status, message);
        };
        Exit.setHaltProcedure(fail);
        Exit.setExitProcedure(fail);
        try {
            candidate.startup();
        } finally {
            Exit.resetHaltProcedure();
            Exit.resetExitProcedure();
        }
    }

    /** A halt or exit Kafka asked for while starting, thrown to {@link #start()} instead. */
    private static final class HaltAskedDuringStartup extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HaltAskedDuringStartup(final int status, final String message) {
            super("Kafka asked to stop the process with status " + status + (message == null ? "" : ": " + message)
                + " (the fault is logged above)");
        }
    }

    private static boolean isBindFailure(final Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException
                || cause.getMessage() != null && cause.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(final KafkaRaftServer candidate) {
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (final RuntimeException e) {
            LOG.debug("Ignoring failure shutting down a broker that did not start", e);
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("broker on " + dataDir + " is not running");
        }
    }

    /** Configuration of an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {

        private Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private final Map<String, String> configs = new LinkedHashMap<>();
        private String superUser;
        private String superPassword;
        private boolean ownShutdownHook = true;
        private PlainListener plainListener;
        private TlsListener tlsListener;

        private Builder() {
        }

        /**
         * A client listener on 127.0.0.1 as a production cluster has one: SASL/SCRAM-SHA-512 over TLS
         * ({@code SASL_SSL}), the broker's certificate and key from {@code keyStore} (PKCS12, its certificate valid
         * for 127.0.0.1, one password for the store and the key). Same users and ACLs as the SCRAM listener;
         * needs {@link #superUser}; {@code port} 0 picks a free port.
         *
         * @param name listener name, e.g. {@code SASL_SSL_CLIENTS} (upper case letters, digits and underscores)
         */
        public Builder saslSslListener(final String name, final int port, final Path keyStore,
                                       final String keyStorePassword) {
            this.tlsListener = new TlsListener(name, checkPort(port), Objects.requireNonNull(keyStore, "keyStore")
                .toAbsolutePath(), Objects.requireNonNull(keyStorePassword, "keyStorePassword"));
            return this;
        }

        /**
         * A second client listener on 127.0.0.1 for clients that cannot use SCRAM (librdkafka before 2.6.1 fails
         * Kafka 4's nonce check): SASL/PLAIN over {@code SASL_PLAINTEXT}, its passwords checked by
         * {@code callbackHandler} (instantiated by Kafka, so it needs a public no-argument constructor). The
         * principal is {@code User:<username>}, authorized by the same ACLs as on the SCRAM listener. Needs
         * {@link #superUser}; {@code port} 0 picks a free port.
         *
         * @param name listener name, e.g. {@code PLAIN_CLIENTS} (upper case letters, digits and underscores)
         */
        public Builder plainListener(final String name, final int port,
                                     final Class<? extends AuthenticateCallbackHandler> callbackHandler) {
            this.plainListener = new PlainListener(name, checkPort(port), Objects.requireNonNull(callbackHandler,
                "callbackHandler").getName());
            return this;
        }

        /**
         * Whether the broker stops itself when the JVM exits (the default). An owner that stops its clients first
         * and the broker last on exit turns this off: JVM shutdown hooks run at once, so the broker's own hook
         * would stop it under clients that are still closing, which then wait out their timeouts.
         */
        public Builder ownShutdownHook(final boolean own) {
            this.ownShutdownHook = own;
            return this;
        }

        /**
         * Secures the broker: clients authenticate with SASL/SCRAM-SHA-512 and need ACLs; {@code user} is the
         * super user (the broker itself, Trailwatch's own clients). Its credential is written when the data
         * directory is formatted, so a directory formatted unsecured stays unsecured (re-create it).
         */
        public Builder superUser(final String user, final String password) {
            if (!user.matches("[A-Za-z0-9._-]+") || password.isEmpty() || password.contains("\"")
                || password.contains("]") || password.contains(",")) {
                throw new IllegalArgumentException("super user: letters, digits and . _ - only; password without "
                    + "quotes, commas or brackets");
            }
            this.superUser = user;
            this.superPassword = password;
            return this;
        }

        /** Required. Holds the metadata log and all topic data; reused as is when already formatted. */
        public Builder dataDir(final Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /**
         * Port for clients on 127.0.0.1. 0 (the default) picks a free port at {@link #start()}; pass the
         * previous {@link #brokerPort()} to give clients the same address after a restart.
         */
        public Builder brokerPort(final int port) {
            this.brokerPort = checkPort(port);
            return this;
        }

        /** Port of the KRaft controller listener on 127.0.0.1; 0 (the default) picks a free port. */
        public Builder controllerPort(final int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /** A broker config, overriding {@link #DEFAULT_CONFIGS}, e.g. {@code log.retention.ms}. */
        public Builder config(final String name, final Object value) {
            if (MANAGED_CONFIGS.contains(name)) {
                throw new IllegalArgumentException(name + " is derived from the data directory and ports; "
                    + "use the builder's dataDir/brokerPort/controllerPort instead");
            }
            configs.put(name, String.valueOf(Objects.requireNonNull(value, name)));
            return this;
        }

        public Builder configs(final Map<String, ?> extra) {
            extra.forEach(this::config);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            if (brokerPort != 0 && brokerPort == controllerPort) {
                throw new IllegalStateException("broker and controller need different ports, both are " + brokerPort);
            }
            if (plainListener != null) {
                if (superUser == null) {
                    throw new IllegalStateException("a PLAIN listener needs a secured broker (superUser)");
                }
                if (plainListener.port() != 0 && (plainListener.port() == brokerPort
                    || plainListener.port() == controllerPort)) {
                    throw new IllegalStateException("the PLAIN listener needs a port of its own, "
                        + plainListener.port() + " is taken by the broker or controller");
                }
            }
            if (tlsListener != null) {
                if (superUser == null) {
                    throw new IllegalStateException("a SASL_SSL listener needs a secured broker (superUser)");
                }
                if (plainListener != null && plainListener.name().equals(tlsListener.name())) {
                    throw new IllegalStateException("the PLAIN and SASL_SSL listeners need different names");
                }
                final int tls = tlsListener.port();
                if (tls != 0 && (tls == brokerPort || tls == controllerPort
                    || plainListener != null && tls == plainListener.port())) {
                    throw new IllegalStateException("the SASL_SSL listener needs a port of its own, " + tls
                        + " is taken by another listener");
                }
            }
            return new EmbeddedKafkaBroker(this);
        }

        private static int checkPort(final int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, was " + port);
            }
            return port;
        }
    }

    /** An extra client listener's name: Kafka's listener-name syntax, and none of the broker's own. */
    private static void requireOwnListenerName(final String kind, final String name) {
        if (!name.matches("[A-Z][A-Z0-9_]*") || name.equals(BROKER_LISTENER) || name.equals(CONTROLLER_LISTENER)) {
            throw new IllegalArgumentException(kind + " listener name: upper case letters, digits and underscores, "
                + "not " + BROKER_LISTENER + " or " + CONTROLLER_LISTENER + "; was " + name);
        }
    }

    /** Where Kafka reads a listener's own settings. */
    private static String listenerPrefix(final String name) {
        return "listener.name." + name.toLowerCase(java.util.Locale.ROOT) + ".";
    }

    /** The SASL/PLAIN client listener: its name, requested port and the class checking its passwords. */
    private record PlainListener(String name, int port, String callbackHandlerClass) {

        private PlainListener {
            requireOwnListenerName("PLAIN", name);
        }

        /**
         * PLAIN only, its server callback replaced by the given handler (so no {@code user_<name>} entries: the
         * JAAS entry is required by Kafka but names nobody).
         */
        Map<String, String> properties() {
            final String prefix = listenerPrefix(name);
            final Map<String, String> props = new LinkedHashMap<>();
            props.put(prefix + "sasl.enabled.mechanisms", "PLAIN");
            props.put(prefix + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required;");
            props.put(prefix + "plain.sasl.server.callback.handler.class", callbackHandlerClass);
            return props;
        }
    }

    /** The SASL_SSL client listener: its name, requested port and the broker's key store. */
    private record TlsListener(String name, int port, Path keyStore, String password) {

        private TlsListener {
            requireOwnListenerName("SASL_SSL", name);
        }

        /**
         * SCRAM-SHA-512 only, checked against the credentials in the cluster metadata (so the JAAS entry names
         * nobody), over TLS with the key store; clients are not asked for a certificate (SASL authenticates them).
         */
        Map<String, String> properties() {
            final String prefix = listenerPrefix(name);
            final Map<String, String> props = new LinkedHashMap<>();
            props.put(prefix + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
            props.put(prefix + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.putAll(KraftNodeSetup.tlsServerProperties(prefix, keyStore, password));
            return props;
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "TlsListener[" + name + ", port " + port + ", key store " + keyStore + "]";
        }
    }
}
