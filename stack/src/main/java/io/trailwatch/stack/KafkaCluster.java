package io.trailwatch.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of several KRaft nodes on 127.0.0.1, each a child JVM acting as broker and controller (the
 * nodes are the quorum's voters), secured as a production cluster is: clients (and the brokers replicating from each
 * other) authenticate with SASL/SCRAM-SHA-512 over TLS ({@code SASL_SSL}, the brokers' certificate from the
 * {@linkplain Builder#tls key store} given) and are authorized by ACLs, the super user is the brokers themselves and
 * the owner. The controller listener, which only the nodes use, stays on {@code SASL_PLAINTEXT} on loopback.
 * Replicated as production is: replication factor 3 and {@code min.insync.replicas} 2 by default, for
 * Trailwatch's topics and Kafka's own (offsets, transactions).
 *
 * <p>Made for failure tests: a node is {@linkplain #kill SIGKILLed} (a crash: no controlled shutdown, nothing
 * flushed), {@linkplain #stop stopped} or {@linkplain #restart restarted} on its data directory and ports, while the
 * others serve. Each node's ports are chosen once, so clients' {@link #bootstrapServers()} stay valid across restarts.
 *
 * <pre>{@code
 * try (KafkaCluster kafka = KafkaCluster.builder().dataDir(dir).superUser("admin", "secret")
 *         .tls(keyStore, trustStore, storePassword).build().start()) {
 *     kafka.kill(kafka.leaderOf("trailwatch.audit", 0));
 * }
 * }</pre>
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_LISTENER = "CLIENTS";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration NODE_START = Duration.ofSeconds(90);
    /** Small heaps and a quick-starting JIT: three nodes share two cores with the application under test. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private final Path dataDir;
    private final String superUser;
    private final String superPassword;
    private final Tls tls;
    private final Map<String, String> configs;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private Admin admin;

    private KafkaCluster(final Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.superUser = builder.superUser;
        this.superPassword = builder.superPassword;
        this.tls = builder.tls;
        this.configs = Map.copyOf(builder.configs);
        final int[] ports = FreePorts.pick(2 * builder.nodes);
        for (int id = 1; id <= builder.nodes; id++) {
            final Path dir = dataDir.resolve("node-" + id);
            nodes.add(new ClusterNode(id, ports[2 * id - 2], ports[2 * id - 1], dir));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats every node's directory that was never formatted, starts every node and returns once each broker is
     * registered and unfenced.
     */
    public synchronized KafkaCluster start() {
        final long begin = System.nanoTime();
        final String clusterId = Uuid.randomUuid().toString();
        for (final ClusterNode node : nodes) {
            node.prepare(clusterId);
        }
        nodes.forEach(ClusterNode::launch);
        for (final ClusterNode node : nodes) {
            node.child.awaitReady(node::listening, NODE_START);
        }
        admin = Admin.create(access().clientConfig(Map.of()));
        awaitBrokers(nodeIds(), NODE_START);
        LOG.info("Kafka cluster of {} nodes ready at {} in {} ms (data {})", nodes.size(), bootstrapServers(),
            (System.nanoTime() - begin) / 1_000_000, dataDir);
        return this;
    }

    /** Every node's client address, comma-separated: {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(node -> HOST + ":" + node.brokerPort).collect(Collectors.joining(","));
    }

    /** How the super user reaches the cluster (SCRAM-SHA-512 over TLS, trusting the cluster's certificate). */
    public KafkaAccess access() {
        return access(superUser, superPassword);
    }

    /** How a principal reaches the cluster: SCRAM-SHA-512 over TLS with its password, the trust store given. */
    public KafkaAccess access(final String user, final String password) {
        return KafkaAccess.scramOverTls(bootstrapServers(), user, password, tls.trustStore(), tls.password());
    }

    /** An admin client of the super user's, owned by the cluster (do not close it). */
    public synchronized Admin admin() {
        if (admin == null) {
            throw new IllegalStateException("cluster not started");
        }
        return admin;
    }

    public List<Integer> nodeIds() {
        return nodes.stream().map(node -> node.id).toList();
    }

    /** The client port of a node, the same across its restarts. */
    public int brokerPort(final int nodeId) {
        return node(nodeId).brokerPort;
    }

    public boolean isRunning(final int nodeId) {
        return node(nodeId).child.isRunning();
    }

    /** SIGKILL: the node crashes, with no controlled shutdown; its data directory keeps what reached the disk. */
    public void kill(final int nodeId) {
        node(nodeId).child.kill();
        LOG.info("Kafka node {} killed (SIGKILL)", nodeId);
    }

    /** SIGTERM: a controlled shutdown (leadership moved away first), then the process exits. */
    public void stop(final int nodeId) {
        node(nodeId).child.stop();
    }

    /**
     * Starts a node that was killed or stopped, on its data directory and ports, and returns once its broker is
     * registered and unfenced again (its replicas may still be catching up: {@link #awaitFullyReplicated}).
     */
    public void restart(final int nodeId) {
        final ClusterNode node = node(nodeId);
        if (node.child.isRunning()) {
            throw new IllegalStateException("Kafka node " + nodeId + " is running");
        }
        node.launch();
        node.child.awaitReady(node::listening, NODE_START);
        awaitBrokers(List.of(nodeId), NODE_START);
    }

    /** The node leading a partition now, as the cluster's metadata says. */
    public int leaderOf(final String topic, final int partition) {
        final TopicPartitionInfo info = describe(List.of(topic)).get(topic).partitions().get(partition);
        if (info.leader() == null) {
            throw new IllegalStateException(topic + "-" + partition + " has no leader");
        }
        return info.leader().id();
    }

    /** The nodes leading partitions of the topic now. */
    public Set<Integer> leaders(final String topic) {
        return describe(List.of(topic)).get(topic).partitions().stream().filter(info -> info.leader() != null)
            .map(info -> info.leader().id()).collect(Collectors.toSet());
    }

    /** The node leading most partitions of the topic (ties: the lowest id). */
    public int mostLeadingNode(final String topic) {
        final Map<Integer, Long> leaders = describe(List.of(topic)).get(topic).partitions().stream()
            .filter(info -> info.leader() != null)
            .collect(Collectors.groupingBy(info -> info.leader().id(), Collectors.counting()));
        return leaders.entrySet().stream()
            .max(Map.Entry.<Integer, Long>comparingByValue()
                .thenComparing(Map.Entry.<Integer, Long>comparingByKey().reversed()))
            .map(Map.Entry::getKey).orElseThrow(() -> new IllegalStateException(topic + " has no leader"));
    }

    /** Waits until every partition of the topics has every replica in sync (after a node's return). */
    public void awaitFullyReplicated(final Collection<String> topics, final Duration timeout) {
        awaitCondition("every replica of " + topics + " in sync", timeout, () -> describe(topics).values().stream()
            .flatMap(description -> description.partitions().stream())
            .allMatch(info -> info.leader() != null && info.isr().size() == info.replicas().size()));
    }

    private Map<String, TopicDescription> describe(final Collection<String> topics) {
        try {
            return admin().describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getMessage(), e);
        }
    }

    private void awaitBrokers(final Collection<Integer> ids, final Duration timeout) {
        awaitCondition("brokers " + ids + " registered and unfenced", timeout, () -> {
            try {
                final Set<Integer> live = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                    .map(Node::id).collect(Collectors.toSet());
                return live.containsAll(ids);
            } catch (final ExecutionException | TimeoutException notYet) {
                return false;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for brokers " + ids, e);
            }
        });
    }

    private static void awaitCondition(final String what, final Duration timeout, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(200); // polling the cluster's metadata
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /** Stops every node (SIGTERM; SIGKILL after 10 s). */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        // All at once: stopped one by one, the last ones would wait for a quorum that is gone.
        final List<Thread> stopping = nodes.stream().map(node -> new Thread(node.child::close,
            "stop-kafka-node-" + node.id)).toList();
        stopping.forEach(Thread::start);
        for (final Thread thread : stopping) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private ClusterNode node(final int nodeId) {
        return nodes.stream().filter(node -> node.id == nodeId).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no Kafka node " + nodeId + ", nodes are " + nodeIds()));
    }

    private String voters() {
        return nodes.stream().map(node -> node.id + "@" + HOST + ":" + node.controllerPort)
            .collect(Collectors.joining(","));
    }

    /** Every node's settings but its own id, directory and ports. */
    private Map<String, String> sharedProperties() {
        final Map<String, String> props = new LinkedHashMap<>(EmbeddedKafkaBroker.DEFAULT_CONFIGS);
        props.putAll(Builder.REPLICATED);
        props.putAll(configs);
        final String client = CLIENT_LISTENER.toLowerCase(Locale.ROOT);
        final String controller = CONTROLLER_LISTENER.toLowerCase(Locale.ROOT);
        props.put("process.roles", "broker,controller");
        props.put("controller.quorum.voters", voters());
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_SSL," + CONTROLLER_LISTENER
            + ":SASL_PLAINTEXT");
        props.putAll(tls.listenerProperties("listener.name." + client + "."));
        props.putAll(KraftNodeSetup.securedProperties(CLIENT_LISTENER, CONTROLLER_LISTENER, superUser, superPassword));
        return props;
    }

    /** One node: its id, ports chosen once, data directory and the child JVM running it. */
    private final class ClusterNode {

        private final int id;
        private final int brokerPort;
        private final int controllerPort;
        private final Path dir;
        private final Path propertiesFile;
        private final ChildJvm child;

        ClusterNode(final int id, final int brokerPort, final int controllerPort, final Path dir) {
            this.id = id;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            this.dir = dir;
            this.propertiesFile = dir.resolveSibling("node-" + id + ".properties");
            this.child = new ChildJvm("Kafka node " + id, JVM_OPTIONS, List.of("-cp",
                System.getProperty("java.class.path"), KafkaClusterNodeMain.class.getName(), propertiesFile.toString()),
                dir.resolveSibling("node-" + id + ".log"))
                .pidFile(dir.resolveSibling("node-" + id + ".pid"), propertiesFile.toString());
        }

        /** Writes its settings (0600: they hold the super user's password) and formats its directory once. */
        void prepare(final String clusterId) {
            OwnerOnlyFiles.directory(dataDir);
            final Properties props = new Properties();
            props.putAll(sharedProperties());
            props.put("node.id", String.valueOf(id));
            props.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER
                + "://" + HOST + ":" + controllerPort);
            props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + brokerPort);
            props.put("log.dirs", dir.toString());
            final StringWriter text = new StringWriter();
            try {
                props.store(text, "Kafka node " + id + " of " + dataDir);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            OwnerOnlyFiles.write(propertiesFile, text.toString());
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(clusterId);
            }
        }

        private void format(final String clusterId) {
            try {
                Files.createDirectories(dir);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot format " + dir, e);
            }
            KraftNodeSetup.format("Kafka node " + id, id, clusterId, CONTROLLER_LISTENER, dir, superUser,
                superPassword);
        }

        void launch() {
            child.start();
        }

        boolean listening() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, brokerPort), 500);
                return true;
            } catch (final IOException notYet) {
                return false;
            }
        }
    }

    /**
     * The client listener's TLS: every node presents the key store's certificate (valid for 127.0.0.1) and, as a
     * client of the others on that listener, trusts the trust store's; clients are not asked for a certificate (SASL
     * authenticates them).
     */
    private record Tls(Path keyStore, Path trustStore, String password) {

        Map<String, String> listenerProperties(final String prefix) {
            // The trust store too: each node is a client of the others on this listener.
            final Map<String, String> props = new LinkedHashMap<>(KraftNodeSetup.tlsServerProperties(prefix, keyStore,
                password));
            props.put(prefix + "ssl.truststore.type", "PKCS12");
            props.put(prefix + "ssl.truststore.location", trustStore.toString());
            props.put(prefix + "ssl.truststore.password", password);
            return props;
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "Tls[" + keyStore + ", " + trustStore + "]";
        }
    }

    /** Configuration of a {@link KafkaCluster}. */
    public static final class Builder {

        /** Production's replication: every partition on 3 nodes, writes acknowledged by 2. */
        static final Map<String, String> REPLICATED = Map.ofEntries(
            Map.entry("default.replication.factor", "3"),
            Map.entry("min.insync.replicas", "2"),
            Map.entry("offsets.topic.replication.factor", "3"),
            Map.entry("transaction.state.log.replication.factor", "3"),
            Map.entry("transaction.state.log.min.isr", "2"),
            Map.entry("share.coordinator.state.topic.replication.factor", "3"),
            Map.entry("share.coordinator.state.topic.min.isr", "2"),
            // A crashed broker is fenced, and its partitions led by another, within 6 s rather than 9.
            Map.entry("broker.session.timeout.ms", "6000"),
            Map.entry("broker.heartbeat.interval.ms", "1000"));

        private Path dataDir;
        private int nodes = 3;
        private String superUser;
        private String superPassword;
        private Tls tls;
        private final Map<String, String> configs = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Required: the brokers' PKCS12 key store (their key and a certificate valid for 127.0.0.1) and the PKCS12
         * trust store holding that certificate, one password for both stores and the key. Clients are handed the trust
         * store by {@link KafkaCluster#access()}.
         */
        public Builder tls(final Path keyStore, final Path trustStore, final String password) {
            this.tls = new Tls(Objects.requireNonNull(keyStore, "keyStore").toAbsolutePath(),
                Objects.requireNonNull(trustStore, "trustStore").toAbsolutePath(),
                Objects.requireNonNull(password, "password"));
            return this;
        }

        /** Required: each node's data in {@code node-<id>} below it, with its settings, log and pid file beside. */
        public Builder dataDir(final Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** How many nodes (each a voter of the quorum): 3 by default; at least 3 for replication factor 3. */
        public Builder nodes(final int count) {
            if (count < 1 || count > 9) {
                throw new IllegalArgumentException("nodes: 1 to 9, was " + count);
            }
            this.nodes = count;
            return this;
        }

        /** Required: the super user (the brokers, the owner), whose SCRAM credential is written at format time. */
        public Builder superUser(final String user, final String password) {
            if (!user.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("super user and password: letters, digits and . _ - only");
            }
            this.superUser = user;
            this.superPassword = password;
            return this;
        }

        /** A broker setting of every node, overriding the defaults (e.g. {@code min.insync.replicas}). */
        public Builder config(final String name, final Object value) {
            configs.put(name, String.valueOf(Objects.requireNonNull(value, name)));
            return this;
        }

        public KafkaCluster build() {
            if (dataDir == null || superUser == null || tls == null) {
                throw new IllegalStateException("dataDir, superUser and tls are required");
            }
            return new KafkaCluster(this);
        }
    }
}
