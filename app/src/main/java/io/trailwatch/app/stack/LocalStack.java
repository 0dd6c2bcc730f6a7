package io.trailwatch.app.stack;

import io.trailwatch.app.definitions.TargetTopics;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.HealthChecks;
import io.trailwatch.app.http.HealthReport;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.app.http.TlsSettings;
import io.trailwatch.app.identity.IdentityRoutes;
import io.trailwatch.app.registry.RegistryProxy;
import io.trailwatch.app.registry.TrailwatchSubjects;
import io.trailwatch.app.selfmetrics.SelfMetrics;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.registry.CompatibilityLevel;
import io.trailwatch.schemas.serde.SchemaWarmup;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.stack.ApicurioRegistry;
import io.trailwatch.stack.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trailwatch on one machine: a Kafka broker and a schema registry (embedded unless existing ones are named),
 * the topics, the definitions, the stream processors and the HTTP API. Closing, or this JVM's exit (SIGTERM,
 * Ctrl-C), stops everything it started and what joined its {@link #stopSequence()}, in the sequence's order (the HTTP
 * API first, the broker last), reporting each component stopped.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    /** The embedded broker's listener for SASL/PLAIN clients. */
    private static final String PLAIN_LISTENER = "PLAIN_CLIENTS";

    private final StopSequence stops = new StopSequence();
    private final Consumer<String> stopReport;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::stopOnExit, "trailwatch-shutdown");
    private final HealthReport health = new HealthReport(List.of());
    private KafkaAccess kafka;
    private String registryUrl;
    private HttpApi http;
    private ProcessorsRuntime runtime;
    private ProcessorsConfig processors;
    private io.trailwatch.processors.runtime.TopicPolicy topicPolicy =
        io.trailwatch.processors.runtime.TopicPolicy.BROKER_DEFAULTS;
    private IdentityStack identity;
    private List<String> createdTopics = List.of();
    private Admin admin;
    private String plainBootstrapServers;
    private KafkaPlainLogins.Slot plainLogins;
    private ApicurioRegistry registry;
    private Features services;

    /**
     * What to start.
     *
     * @param dataDir            where the broker, the registry and the stream state keep their data
     * @param bootstrapServers   an existing Kafka to join, or null to start one on {@code kafkaPort}
     * @param registryUrl        an existing registry to use, or null to start Apicurio on {@code registryPort}
     * @param kafkaPort          port of the embedded broker
     * @param registryPort       port of the embedded registry
     * @param httpHost           interface of the HTTP API
     * @param httpPort           port of the HTTP API
     * @param definitions        filters and alarms to put on the config topic
     * @param processorSettings  extra processor settings ({@link ProcessorsConfig})
     * @param access             how the HTTP API is reached and guarded
     * @param kafkaPlainPort     port of the embedded broker's SASL/PLAIN listener for librdkafka clients before
     *                           2.6.1, which fail Kafka 4's SCRAM; 0: no such listener
     */
    public record Options(Path dataDir, String bootstrapServers, String registryUrl, int kafkaPort, int registryPort,
                          String httpHost, int httpPort, List<DefinitionEntry> definitions,
                          Map<String, Object> processorSettings, HttpAccess access, int kafkaPlainPort) {

        public Options(final Path dataDir, final String bootstrapServers, final String registryUrl,
                       final int kafkaPort, final int registryPort, final String httpHost, final int httpPort,
                       final List<DefinitionEntry> definitions, final Map<String, Object> processorSettings) {
            this(dataDir, bootstrapServers, registryUrl, kafkaPort, registryPort, httpHost, httpPort, definitions,
                processorSettings, HttpAccess.DEFAULTS);
        }

        /** Without a SASL/PLAIN listener. */
        public Options(final Path dataDir, final String bootstrapServers, final String registryUrl,
                       final int kafkaPort, final int registryPort, final String httpHost, final int httpPort,
                       final List<DefinitionEntry> definitions, final Map<String, Object> processorSettings,
                       final HttpAccess access) {
            this(dataDir, bootstrapServers, registryUrl, kafkaPort, registryPort, httpHost, httpPort, definitions,
                processorSettings, access, 0);
        }
    }

    /**
     * How the HTTP API is reached and guarded.
     *
     * @param allowedHosts    host names clients use beyond loopback and the bound interface
     * @param tls             certificate and key to serve HTTPS with, or null for plain HTTP
     * @param auditDataEvents whether data-plane calls are recorded on the trail too
     * @param credentialsFile where a first start writes the administrator's key (default
     *                        {@code <data-dir>/credentials})
     * @param kafkaSecurity   client security settings for an existing Kafka named by {@code bootstrapServers}
     *                        (SASL, TLS); the embedded broker is always secured with its own
     */
    public record HttpAccess(Set<String> allowedHosts, TlsSettings tls, boolean auditDataEvents,
                             Path credentialsFile, Map<String, String> kafkaSecurity) {
        public static final HttpAccess DEFAULTS = new HttpAccess(Set.of(), null, false, null, Map.of());

        public HttpAccess(final Set<String> allowedHosts, final TlsSettings tls, final boolean auditDataEvents,
                          final Path credentialsFile) {
            this(allowedHosts, tls, auditDataEvents, credentialsFile, Map.of());
        }
    }

    /** The replication and min.insync.replicas of the topics on a joined cluster (before start). */
    public LocalStack topicPolicy(final io.trailwatch.processors.runtime.TopicPolicy policy) {
        this.topicPolicy = policy;
        return this;
    }

    /** A stack whose stop reports each component stopped on the log. */
    public LocalStack() {
        this(stopped -> LOG.info("Stopped {}", stopped));
    }

    /** A stack whose stop reports each component stopped ({@code "<name> (<ms> ms)"}) to {@code stopReport}. */
    public LocalStack(final Consumer<String> stopReport) {
        this.stopReport = stopReport;
    }

    public LocalStack start(final Options options) {
        // One hook stops everything in order: the child processes and the broker have none of their own, which would
        // run at the same time as this one and stop them under the processors.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            kafka = options.bootstrapServers() != null
                ? new KafkaAccess(options.bootstrapServers(), options.access().kafkaSecurity()) : startKafka(options);
            registryUrl = options.registryUrl() != null ? options.registryUrl() : startRegistry(options);
            admin = Admin.create(kafka.clientConfig(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "trailwatch-admin")));
            stops.add(StopSequence.Stage.PROCESSORS, "Kafka admin client", admin);
            if (options.bootstrapServers() != null) {
                // A cluster of the user's: one clear line for a refused login or a mismatched topic, not retries.
                ClusterPreflight.reach(admin, kafka.bootstrapServers());
                ClusterPreflight.checkTopics(admin, topicPolicy);
            }
            if (options.registryUrl() != null) {
                // A registry of the user's: one clear line for refused credentials or an untrusted certificate.
                ClusterPreflight.reachRegistry(registryUrl, SerdeContext.registeredAccess(registryUrl));
            }
            createdTopics = TopicSetup.ensure(admin, Topics.all(), topicPolicy);
            final SerdeContext serdes = SerdeContext.forRegistry(registryUrl);
            // While the registry answers: a later outage then fails no stream thread's first record of a type.
            SchemaWarmup.warm(serdes, TrailwatchSubjects.schemas());
            if (!options.definitions().isEmpty()) {
                TargetTopics.ensureFor(admin, options.definitions());
                try (DefinitionWriter writer = new DefinitionWriter(kafka, serdes)) {
                    writer.put(options.definitions());
                }
            }
            processors = processorsConfig(options);
            identity = new IdentityStack(kafka, serdes,
                IdentityKey.loadOrCreate(options.dataDir().resolve("identity")),
                options.access().credentialsFile() != null ? options.access().credentialsFile()
                    : options.dataDir().resolve("credentials"),
                new ResourceNames(processors.rulesAccount(), processors.rulesRegion()),
                IdentityStack.hosts(options.httpHost(), options.access().allowedHosts()),
                options.access().auditDataEvents());
            stops.add(StopSequence.Stage.PROCESSORS, "identity service", identity);
            if (plainLogins != null) {
                // From here on the PLAIN listener checks passwords; before, it refused every login.
                plainLogins.fill(identity.identities());
            }
            if (kafka.secured()) {
                // Access keys become the cluster's SCRAM users, with ACLs from their policies.
                stops.add(StopSequence.Stage.PROCESSORS, "Kafka users and ACLs sync",
                    new KafkaPrincipals(admin, identity.identities()).start());
            }
            runtime = TrailwatchTopology.runtime(processors).start();
            stops.add(StopSequence.Stage.PROCESSORS, "stream processors (committed)", runtime);
            identity.authenticate(runtime.router());
            if (options.access().tls() != null) {
                // The other instances serve HTTPS only, with the deployment's one certificate, by whatever name
                // they advertise.
                runtime.router().overHttps(options.access().tls().pinnedClientContext());
            }
            services = Features.start(runtime, processors, kafka, serdes, admin, identity.access());
            stops.add(StopSequence.Stage.PROCESSORS, "API services", services);
            final List<ApiRoutes> features = new ArrayList<>(services.routes());
            features.add(new IdentityRoutes(identity.identities()));
            features.add(RegistryProxy.forRegistry(registryUrl));
            health.add(HealthChecks.kafka(admin));
            health.add(registry != null ? HealthChecks.schemaRegistry(registryUrl, registry::status)
                : HealthChecks.schemaRegistry(registryUrl));
            health.add(HealthChecks.streams(runtime));
            stops.add(StopSequence.Stage.HTTP_API, "health checks", health.pollInBackground());
            http = HttpApi.start(options.httpHost(), options.httpPort(), health, features, identity.access(),
                options.access().tls());
            stops.add(StopSequence.Stage.HTTP_API, "HTTP API", http);
            return this;
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Waits until the stream threads run their tasks; false if that takes longer than the timeout. */
    public boolean awaitProcessors(final Duration timeout) throws InterruptedException {
        return runtime.awaitRunning(timeout);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * {@code 127.0.0.1:<port>} of the embedded broker's SASL/PLAIN listener (username the access key id, password
     * its secret), for librdkafka clients before 2.6.1; null when there is none.
     */
    public String plainBootstrapServers() {
        return plainBootstrapServers;
    }

    /** How Trailwatch's own clients reach Kafka (on the embedded broker: its super user). */
    public KafkaAccess kafka() {
        return kafka;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public int httpPort() {
        return http.port();
    }

    /** What stops with the stack, in order: components started beside it (Connect, S3Proxy) join it. */
    public StopSequence stopSequence() {
        return stops;
    }

    /** Trailwatch's own metrics ({@code /metrics}): components started beside the stack add theirs. */
    public SelfMetrics selfMetrics() {
        return services.selfMetrics();
    }

    /** The health report of {@code /v1/health}: components started beside the stack add their checks. */
    public HealthReport health() {
        return health;
    }

    /** Waits until the stack is stopped (closed, or stopped by this JVM's exit). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** The credentials file this start created for a new administrator, or null when users existed already. */
    public Path createdCredentials() {
        return identity.createdCredentials();
    }

    public List<String> createdTopics() {
        return createdTopics;
    }

    public List<String> topics() {
        return Topics.all().stream().map(Topic::name).toList();
    }

    /**
     * The embedded broker, secured: SASL/SCRAM-SHA-512 and ACLs, with Trailwatch's own super user whose password is
     * generated on the first start and kept owner-only in {@code <data-dir>/kafka-client.properties}, a Kafka
     * client configuration an operator can hand to Kafka's own tools. With a {@code kafkaPlainPort}, a second
     * client listener takes SASL/PLAIN checked against the access keys ({@link AccessKeyPlainCallbackHandler}).
     */
    private KafkaAccess startKafka(final Options options) {
        final KafkaSuperUser superUser = KafkaSuperUser.loadOrCreate(options.dataDir(), options.kafkaPort());
        final EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
            .dataDir(options.dataDir().resolve("kafka"))
            .brokerPort(options.kafkaPort())
            .superUser(superUser.name(), superUser.password())
            // Stopped by close(), after the processors and the HTTP API: `up`'s shutdown hook calls it.
            .ownShutdownHook(false);
        if (options.kafkaPlainPort() > 0) {
            plainLogins = KafkaPlainLogins.reserve();
            // Closed after the broker (added before it): no login finds an emptied slot while the broker runs.
            stops.add(StopSequence.Stage.BROKER, "SASL/PLAIN logins", plainLogins);
            builder.plainListener(PLAIN_LISTENER, options.kafkaPlainPort(), AccessKeyPlainCallbackHandler.class)
                .config(KafkaPlainLogins.CONFIG, plainLogins.id());
        }
        final EmbeddedKafkaBroker broker = builder.build();
        stops.add(StopSequence.Stage.BROKER, "Kafka broker", broker);
        final String bootstrap = broker.start().bootstrapServers();
        plainBootstrapServers = broker.plainBootstrapServers();
        return superUser.access(bootstrap);
    }

    private String startRegistry(final Options options) {
        registry = ApicurioRegistry.builder()
            .dataDir(options.dataDir().resolve("registry"))
            .port(options.registryPort())
            .globalCompatibility(CompatibilityLevel.BACKWARD)
            .ownSubjects(TrailwatchSubjects.schemas())
            // Stopped in the stack's order, after the processors that use it.
            .ownShutdownHook(false)
            .build();
        stops.add(StopSequence.Stage.CHILD_PROCESSES, "schema registry", registry);
        return registry.start().ccompatUrl();
    }

    private ProcessorsConfig processorsConfig(final Options options) {
        final Map<String, Object> settings = new HashMap<>(options.processorSettings());
        settings.putAll(kafka.security());
        settings.put(ProcessorsConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(ProcessorsConfig.SCHEMA_REGISTRY_URL, registryUrl);
        settings.putIfAbsent(ProcessorsConfig.STATE_DIR, options.dataDir().resolve("streams").toString());
        settings.putIfAbsent(ProcessorsConfig.APPLICATION_SERVER, "localhost:" + options.httpPort());
        return new ProcessorsConfig(settings);
    }

    /** Stops everything, in order; a second call finds nothing left to stop. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException | IllegalArgumentException hookRunningOrNotAdded) {
            // stopping from the hook, or never started
        }
        stops.stop(stopReport);
        closed.countDown();
    }

    private void stopOnExit() {
        stops.stop(stopReport);
        closed.countDown();
    }
}
