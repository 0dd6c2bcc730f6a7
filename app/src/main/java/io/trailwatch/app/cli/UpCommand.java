package io.trailwatch.app.cli;

import io.trailwatch.app.AlarmChangeFormat;
import io.trailwatch.app.AlarmTail;
import io.trailwatch.app.config.Settings;
import io.trailwatch.app.config.SettingsCatalogue;
import io.trailwatch.app.demo.DemoRunner;
import io.trailwatch.app.demo.DemoWebhookReceiver;
import io.trailwatch.app.http.TlsSettings;
import io.trailwatch.app.logging.LogFiles;
import io.trailwatch.app.stack.ArchiveServices;
import io.trailwatch.app.stack.ClusterProblems;
import io.trailwatch.app.stack.ConnectorHost;
import io.trailwatch.app.stack.DataDirectory;
import io.trailwatch.app.stack.LocalStack;
import io.trailwatch.app.stack.StopSequence;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.ConfigFile;
import io.trailwatch.processors.definitions.Packs;
import io.trailwatch.processors.notify.DefaultTopic;
import io.trailwatch.processors.runtime.TopicPolicy;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.text.Printable;
import io.trailwatch.sinks.notify.PayloadFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code trailwatch up}: the local stack. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start Trailwatch on this machine: a Kafka broker (KRaft), a schema registry (Apicurio), the "
        + "stream processors and the HTTP API, with state under --data-dir. With --bootstrap-servers and "
        + "--schema-registry-url it joins existing ones instead. Ctrl-C stops everything."})
public final class UpCommand implements Callable<Integer> {

    static final String DEMO_CONFIG = "/io/trailwatch/app/demo/trailwatch-demo.yaml";

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR",
        description = "Where the broker, registry and stream state live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML file of metric filters and alarms to load (the demo's own with --demo), and of "
            + "settings (its settings: section; `trailwatch config describe` lists them).")
    Path config;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A setting, stronger than its environment "
        + "variable and the config file's (e.g. trailwatch.aggregation.grace.ms=10000, kafka.security.protocol="
        + "SASL_SSL). Repeatable.")
    List<String> sets;

    /** The settings in force, once call() has resolved them. */
    private Settings settings;

    @Option(names = "--pack", paramLabel = "NAME", split = ",",
        description = "Also load a pack of shipped definitions: cis (the 14 CIS / Security Hub CloudTrail metric "
            + "filters, each with its alarm). Repeatable; also 'packs: [cis]' in the config file.")
    List<String> packs;

    @Option(names = "--demo", description = "Also publish sample traffic, a DeleteBucket call among it, and print "
        + "alarm state changes as they happen.")
    boolean demo;

    @Option(names = "--verbose", description = "Write Kafka's and Kafka Streams' INFO lines to the log file too "
        + "(<data-dir>/logs/trailwatch.log; WARN and up otherwise).")
    boolean verbose;

    /** The host the banner names the HTTP API by: localhost, unless it listens on one other interface. */
    private String bannerHost = "localhost";

    /** Where the libraries' lines go, once the data directory is known. */
    private Path logFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
        description = "Join this Kafka instead of starting one.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
        description = "Use this Confluent-compatible registry instead of starting one.")
    String schemaRegistryUrl;

    @Option(names = "--kafka-sasl-username", paramLabel = "NAME",
        defaultValue = "${env:TRAILWATCH_KAFKA_SASL_USERNAME}",
        description = "With --bootstrap-servers: log in to that cluster with SASL/SCRAM-SHA-512 as this principal "
            + "(a super user: Trailwatch makes its access keys SCRAM users with ACLs there); env "
            + "TRAILWATCH_KAFKA_SASL_USERNAME. The password comes from env TRAILWATCH_KAFKA_SASL_PASSWORD.")
    String kafkaSaslUsername;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-plain-port", defaultValue = "9094", paramLabel = "PORT",
        description = "Port of the embedded broker's second client listener, SASL/PLAIN on 127.0.0.1 (username = "
            + "access key id, password = its secret, the same ACLs as SCRAM), for librdkafka clients before 2.6.1 "
            + "(kcat, confluent-kafka-python of most distributions), whose SCRAM Kafka 4 refuses; 0: none "
            + "(default: ${DEFAULT-VALUE}).")
    int kafkaPlainPort;

    @Option(names = "--registry-port", defaultValue = "8081",
        description = "Port of the embedded registry (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "Interface of the HTTP API (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "8080", description = "Port of the HTTP API (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-allowed-host", paramLabel = "NAME", split = ",",
        description = "Another host name clients reach the HTTP API by (a DNS name, a load balancer's); loopback "
            + "names and --http-host are always allowed, any other Host header is refused. Repeatable.")
    List<String> allowedHosts;

    @Option(names = "--tls-cert", paramLabel = "PEM_FILE",
        description = "Serve the HTTP API over HTTPS with this certificate chain (PEM); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM_FILE",
        description = "Private key (PEM: PKCS#8, PKCS#1 or SEC 1 EC) of --tls-cert; keep it owner-only.")
    Path tlsKey;

    @Option(names = "--audit-data-events", description = "Also record data-plane calls (publishing events, metrics "
        + "and logs over the API) on the trail; off by default, as CloudTrail's data events are opt-in.")
    boolean auditDataEvents;

    @Option(names = "--no-archive", description = "Do not archive the audit trail and alarm history to object storage.")
    boolean noArchive;

    @Mixin
    S3Options s3;

    @Option(names = "--bucket", defaultValue = "trailwatch-archive", paramLabel = "BUCKET",
        description = "Bucket of the archive, created when missing (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--s3-port", defaultValue = "9000", description = "Port of the local S3 API (S3Proxy) started "
        + "when no --s3-endpoint is named (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--connect-url", paramLabel = "URL", description = "Register the archive and notifier connectors "
        + "with this Kafka Connect cluster (the plugin installed there) instead of starting a worker; a secured one "
        + "with user:password@ in the URL or --connect-username and --connect-password.")
    String connectUrl;

    @Option(names = "--signing-key", paramLabel = "PEM_FILE", description = "RSA private key signing the digests, "
        + "generated when missing (default: <data-dir>/archive/digest-signing-key.pem); with --connect-url, a path "
        + "the Connect workers see too.")
    Path signingKey;

    @Option(names = "--digest-interval", defaultValue = "PT1H", paramLabel = "DURATION",
        description = "Period of each digest file, ISO-8601 (default: ${DEFAULT-VALUE}, CloudTrail's hour).")
    Duration digestInterval;

    @Mixin
    NotifyOptions notify;

    @Mixin
    InstanceAddressOptions addresses;

    @Mixin
    ConnectOptions connectAccess;

    @Mixin
    SmtpOptions smtp;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        try {
            settings = settings(config, sets);
            joinedKafkaSecurity();
        } catch (final ConfigException e) {
            spec.commandLine().getErr().println("trailwatch up: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        final CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        final String addressProblem = addresses.problem(parsed.hasMatchedOption("--http-host")
            || parsed.hasMatchedOption("--http-port"));
        if (addressProblem != null) {
            spec.commandLine().getErr().println("trailwatch up: " + addressProblem);
            return CommandLine.ExitCode.USAGE;
        }
        final InstanceAddressOptions.HostPort bind = addresses.bind(httpHost, httpPort);
        final InstanceAddressOptions.HostPort advertised = addresses.advertised(bind);
        if (!bind.wildcard() && !"127.0.0.1".equals(bind.host())) {
            bannerHost = Printable.escape(bind.host());
        }
        if (kafkaPlainPort < 0 || kafkaPlainPort > 65_535) {
            spec.commandLine().getErr().println("trailwatch up: --kafka-plain-port must be 1-65535, or 0 for none");
            return CommandLine.ExitCode.USAGE;
        }
        final String notifyProblem = notify.problem();
        if (notifyProblem != null) {
            spec.commandLine().getErr().println("trailwatch up: notifications (--webhook-url, --webhook-format, "
                + "--pagerduty-routing-key): " + notifyProblem);
            return CommandLine.ExitCode.USAGE;
        }
        final String connectProblem = connectAccess.problem(connectUrl);
        if (connectProblem != null) {
            spec.commandLine().getErr().println("trailwatch up: Kafka Connect (--connect-url): " + connectProblem);
            return CommandLine.ExitCode.USAGE;
        }
        final String s3Problem = noArchive ? null : s3.problem(spec.commandLine().getParseResult());
        if (s3Problem != null) {
            spec.commandLine().getErr().println("trailwatch up: the archive's S3: " + s3Problem);
            return CommandLine.ExitCode.USAGE;
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            spec.commandLine().getErr().println("trailwatch up: --tls-cert and --tls-key go together");
            return CommandLine.ExitCode.USAGE;
        }
        final TlsSettings tls;
        try {
            tls = tlsCert == null ? null : TlsSettings.load(tlsCert, tlsKey);
        } catch (final IllegalArgumentException e) {
            spec.commandLine().getErr().println("trailwatch up: TLS: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (tls != null && tls.keyFileTooOpen()) {
            spec.commandLine().getErr().println("trailwatch up: warning: " + tlsKey + " is readable by other users; "
                + "chmod 600 it");
        }
        if (tls == null && !isLoopback(bind.host())) {
            spec.commandLine().getErr().println("trailwatch up: warning: the HTTP API listens on " + bind.host()
                + " without TLS: signatures protect requests from tampering, but answers (the event history, "
                + "new access keys' secrets) cross the network in clear; pass --tls-cert and --tls-key");
        }
        final List<DefinitionEntry> definitions;
        try {
            definitions = definitions();
        } catch (final InvalidRecordException | IOException e) {
            spec.commandLine().getErr().println("trailwatch up: invalid config: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        final Instant begin = Instant.now();
        // Owner-only before anything is written in it (issue 15); what is created later follows the umask.
        DataDirectory.secure(dataDir.toAbsolutePath().normalize());
        logFile = LogFiles.writeTo(dataDir.toAbsolutePath().normalize(), verbose);
        final String umaskWarning = DataDirectory.umaskWarning(dataDir.toAbsolutePath().normalize());
        if (umaskWarning != null) {
            spec.commandLine().getErr().println("trailwatch up: warning: " + umaskWarning);
        }
        // Ctrl-C and SIGTERM stop the stack in order (LocalStack's shutdown hook), each component reported.
        final AtomicBoolean stopping = new AtomicBoolean();
        final LocalStack stack = new LocalStack(stopped -> {
            if (stopping.compareAndSet(false, true)) {
                out.println("trailwatch: stopping");
            }
            out.println("trailwatch: stopped " + stopped);
            out.flush();
        });
        final ArchiveServices archive = new ArchiveServices(stack.stopSequence(), stack.health());
        final ConnectorHost connect = new ConnectorHost(stack.stopSequence(), stack.health());
        // The demo's webhook listens on this machine's loopback, which a Connect cluster elsewhere cannot reach.
        final String webhook = notify.webhookNamed() ? notify.webhookUrl
            : demo && connectUrl == null ? demoWebhook(out, stack.stopSequence()) : null;
        // A JSON webhook is the default topic's subscriber, which alarms without actions publish to; Slack and
        // PagerDuty's formats stay with the notifier connector.
        final boolean defaultTopic = webhook != null && notify.format == PayloadFormat.json;
        final List<DefinitionEntry> loaded = new ArrayList<>(definitions);
        if (defaultTopic) {
            loaded.addAll(DefaultTopic.entries(webhook, System.currentTimeMillis()));
        }
        stack.topicPolicy(topicPolicy(settings));
        if (schemaRegistryUrl != null) {
            io.trailwatch.schemas.serde.SerdeContext.registerAccess(schemaRegistryUrl, settings.registrySettings());
        }
        try {
            stack.start(new LocalStack.Options(dataDir.toAbsolutePath().normalize(), bootstrapServers,
                schemaRegistryUrl, kafkaPort, registryPort, bind.host(), bind.port(), loaded,
                processorSettings(advertised), new LocalStack.HttpAccess(hostNames(advertised), tls, auditDataEvents,
                null, joinedKafkaSecurity()), kafkaPlainPort));
        } catch (final ClusterProblems problems) {
            problems.lines().forEach(line -> spec.commandLine().getErr().println("trailwatch up: " + line));
            return CommandLine.ExitCode.SOFTWARE;
        }
        final List<Map<String, String>> connectors = new ArrayList<>();
        if (!noArchive) {
            connectors.addAll(archive.start(archiveOptions(stack)).connectors());
        }
        if (webhook != null && !defaultTopic) {
            connectors.add(notify.connector(webhook, stack.registryUrl(), stack.kafka()));
        }
        connect.start(connectAccess.cluster(connectUrl), dataDir.toAbsolutePath().normalize().resolve("connect"),
            stack.kafka(), connectors);
        if (connect.restUrl() != null) {
            stack.selfMetrics().watchConnectWorker(connect.restUrl(), connect.credentials());
        }
        if (!stack.awaitProcessors(Duration.ofMinutes(2))) {
            spec.commandLine().getErr().println("trailwatch up: stream processors did not start within 2 minutes; "
                + "see GET /v1/health");
        }
        printBanner(out, stack, definitions, Duration.between(begin, Instant.now()), tls != null,
            dataDir.toAbsolutePath().normalize().resolve("credentials"));
        if (!noArchive) {
            printArchive(out, archive);
        }
        if (defaultTopic) {
            // The URL itself may carry a token: only its host is shown.
            out.println("  Notifications            " + Printable.escape(webhookHost(webhook)) + ", subscribed to "
                + "topic " + DefaultTopic.NAME + " (alarms without actions)");
            out.println();
            out.flush();
        } else if (webhook != null) {
            // The URL itself may carry a token (Slack's, Teams'): it is a connector secret, so only its host is shown.
            out.println("  Notifications            " + notify.format + " to " + Printable.escape(webhookHost(webhook))
                + " (Kafka Connect; the URL is kept with the connector secrets)");
            out.println();
            out.flush();
        }
        if (connect.restUrl() != null) {
            out.println("  Kafka Connect REST API   " + connect.restUrl() + " (user " + connect.credentials().username()
                + ", password in " + connect.credentialsFile() + ")");
            out.println();
            out.flush();
        }
        if (demo) {
            final AlarmTail tail = new AlarmTail(stack.kafka(), stack.registryUrl(), false);
            stack.stopSequence().add(StopSequence.Stage.DEMO, "demo's alarm printer", tail::stop);
            final Thread printer = new Thread(() -> {
                try (tail) {
                    tail.follow(change -> {
                        out.println("alarm: " + AlarmChangeFormat.line(change));
                        out.flush();
                    }, Instant.MAX, Integer.MAX_VALUE);
                }
            }, "trailwatch-demo-alarms");
            printer.setDaemon(true);
            printer.start();
            stack.stopSequence().add(StopSequence.Stage.DEMO, "demo traffic",
                new DemoRunner(stack.kafka(), stack.registryUrl(), out).start());
        }
        stack.awaitClosed();
        return CommandLine.ExitCode.OK;
    }

    /** Host names the HTTP API answers to: --http-allowed-host's and the advertised one, which peers send. */
    private Set<String> hostNames(final InstanceAddressOptions.HostPort advertised) {
        final Set<String> names = new java.util.HashSet<>(allowedHosts == null ? List.of() : allowedHosts);
        if (advertised != null) {
            names.add(advertised.host());
        }
        return Set.copyOf(names);
    }

    private ArchiveServices.Options archiveOptions(final LocalStack stack) {
        final Path data = dataDir.toAbsolutePath().normalize();
        final Path key = signingKey != null ? signingKey : data.resolve("archive").resolve("digest-signing-key.pem");
        return new ArchiveServices.Options(data, s3.namedSettings(bucket), !s3.endpointNamed(spec.commandLine().getParseResult()),
            s3Port, key, digestInterval, stack.registryUrl());
    }

    /**
     * The demo's local webhook, which prints what the notifier delivers; stopped after the Connect worker (added to
     * the stage before it), which may still deliver while it stops.
     */
    private static String demoWebhook(final PrintWriter out, final StopSequence stops) {
        final DemoWebhookReceiver receiver = DemoWebhookReceiver.start(out);
        stops.add(StopSequence.Stage.CONNECT, "demo webhook", receiver);
        return receiver.url();
    }

    private static void printArchive(final PrintWriter out, final ArchiveServices archive) {
        out.println("  Archive                  s3://" + archive.bucket() + " at "
            + (archive.s3Endpoint() == null ? "AWS S3" : archive.s3Endpoint())
            + (archive.bucketDir() == null ? "" : " (files in " + archive.bucketDir() + ")"));
        if (archive.s3CredentialsFile() != null) {
            out.println("  S3 key                   in " + archive.s3CredentialsFile() + " (owner-only; "
                + "validate-logs finds it)");
        }
        out.println("  Digest signing key       fingerprint " + archive.publicKeyFingerprint());
        out.println("Validate the archive: ./trailwatch validate-logs --bucket " + archive.bucket()
            + " --start-time <ISO-8601 time>");
        out.println();
        out.flush();
    }

    /** The packs' definitions, then the file's (or the demo's): a file's definition replaces a pack's of that name. */
    private List<DefinitionEntry> definitions() throws IOException {
        final Map<String, DefinitionEntry> byKey = new LinkedHashMap<>();
        for (final String pack : packs == null ? List.<String>of() : packs) {
            Packs.load(pack).forEach(entry -> byKey.put(entry.key(), entry));
        }
        fileDefinitions().forEach(entry -> byKey.put(entry.key(), entry));
        return List.copyOf(byKey.values());
    }

    private List<DefinitionEntry> fileDefinitions() throws IOException {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IOException("no such file: " + config);
            }
            return ConfigFile.load(config);
        }
        if (!demo) {
            return List.of();
        }
        try (InputStream in = UpCommand.class.getResourceAsStream(DEMO_CONFIG)) {
            return ConfigFile.parse(in, "demo config");
        }
    }

    /** The catalogue of every setting, this command's options among them. */
    public static SettingsCatalogue catalogue() {
        return new SettingsCatalogue(new CommandLine(new UpCommand()).getCommandSpec());
    }

    /** The settings of the environment, the file and --set; an unknown or invalid one throws, naming it. */
    static Settings settings(final Path config, final List<String> sets) {
        return Settings.resolve(catalogue(), Settings.pairs(sets), System.getenv(),
            config != null && Files.isRegularFile(config) ? config : null);
    }

    /** The processors' settings: the catalogue's, SMTP's, and the address other instances reach this one at. */
    private Map<String, Object> processorSettings(final InstanceAddressOptions.HostPort advertised) {
        final Map<String, Object> all = new java.util.HashMap<>(settings.processorSettings());
        all.putAll(smtp.processorSettings());
        if (topicPolicy(settings).replicationFactor() > 0) {
            // Streams' own changelog and repartition topics as durable as Trailwatch's.
            all.putIfAbsent("replication.factor", (int) topicPolicy(settings).replicationFactor());
        }
        if (advertised != null) {
            all.put(io.trailwatch.processors.runtime.ProcessorsConfig.APPLICATION_SERVER, advertised.toString());
        }
        return all;
    }

    /**
     * How to log in to a cluster named by --bootstrap-servers: SCRAM-SHA-512 with --kafka-sasl-username and the
     * password from the environment (never an option: command lines are visible to every local user).
     */
    private Map<String, String> joinedKafkaSecurity() {
        return bootstrapServers == null ? Map.of() : kafkaSecurity(settings, bootstrapServers, kafkaSaslUsername);
    }

    /**
     * The client security of a joined cluster: the SCRAM shorthand of a username (its password from env
     * TRAILWATCH_KAFKA_SASL_PASSWORD), then the kafka.* settings, which win (SASL_SSL rather than the
     * shorthand's SASL_PLAINTEXT). Every client Trailwatch creates gets them (the embedded broker has its own).
     */
    static Map<String, String> kafkaSecurity(final Settings settings, final String bootstrapServers,
                                             final String saslUsername) {
        final Map<String, String> security = new java.util.HashMap<>();
        if (saslUsername != null && !saslUsername.isBlank()) {
            final String password = System.getenv("TRAILWATCH_KAFKA_SASL_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new ConfigException("--kafka-sasl-username needs the password in env "
                    + "TRAILWATCH_KAFKA_SASL_PASSWORD");
            }
            security.putAll(io.trailwatch.schemas.kafka.KafkaAccess.scram(bootstrapServers, saslUsername, password)
                .security());
        }
        security.putAll(settings.withPrefix(SettingsCatalogue.KAFKA_PREFIX));
        return security;
    }

    /** What trailwatch.topics.* ask of the topics. */
    static TopicPolicy topicPolicy(final Settings settings) {
        return new TopicPolicy((Short) settings.get(SettingsCatalogue.TOPICS_REPLICATION_FACTOR),
            (Integer) settings.get(SettingsCatalogue.TOPICS_MIN_INSYNC_REPLICAS));
    }

    private static String webhookHost(final String url) {
        try {
            final java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/...";
        } catch (final IllegalArgumentException notUri) {
            return "(a webhook)";
        }
    }

    private static boolean isLoopback(final String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** Where the administrator's key is, and how any AWS tool uses it. */
    private static void printCredentials(final PrintWriter out, final LocalStack stack, final Path credentials) {
        if (stack.createdCredentials() != null) {
            out.println("  Administrator key        created in " + stack.createdCredentials() + " (owner-only)");
        } else if (Files.exists(credentials)) {
            out.println("  Administrator key        " + credentials);
        } else {
            out.println("  Administrator key        none here: users exist already; sign with your own key");
        }
        out.println("  Sign calls with it       AWS_SHARED_CREDENTIALS_FILE=" + (stack.createdCredentials() != null
            ? stack.createdCredentials() : credentials) + " AWS_PROFILE=trailwatch (./trailwatch finds it itself)");
        if (stack.kafka().secured()) {
            out.println("  Kafka clients            SASL/SCRAM-SHA-512: username = access key id, password = its secret");
        }
        if (stack.plainBootstrapServers() != null) {
            out.println("  librdkafka < 2.6.1       SASL/PLAIN at " + stack.plainBootstrapServers() + " (kcat, Python): "
                + "the same key, the same ACLs");
        }
    }

    private void printBanner(final PrintWriter out, final LocalStack stack, final List<DefinitionEntry> definitions,
                                    final Duration startup, final boolean https, final Path credentials) {
        out.println();
        out.println("Trailwatch is up (" + startup.toMillis() / 1000.0 + " s).");
        final String api = (https ? "https" : "http") + "://" + bannerHost + ":" + stack.httpPort();
        out.println("  Kafka bootstrap servers  " + stack.bootstrapServers());
        out.println("  Schema registry          " + api
            + "/registry (Confluent's API; basic.auth.user.info=<access key id>:<secret>)");
        out.println("  HTTP API                 " + api
            + "/v1/health (every other route needs a signed request)");
        out.println("  AWS APIs                 " + api
            + " (CloudWatch, CloudWatch Logs, CloudTrail, CloudTrail Data, EventBridge: --endpoint-url)");
        out.println("  Web console              " + api
            + "/console (sign in with an access key)");
        out.println("  Topics                   " + String.join(", ", stack.topics()));
        out.println("  Log file                 " + logFile + " (the libraries' lines; --verbose for Kafka's INFO)");
        out.println("  Definitions loaded       " + (definitions.isEmpty() ? "none"
            : String.join(", ", definitions.stream().map(DefinitionEntry::key).toList())));
        printCredentials(out, stack, credentials);
        out.println("Watch alarms: ./trailwatch tail alarms    Stop: Ctrl-C");
        out.println();
        out.flush();
    }
}
