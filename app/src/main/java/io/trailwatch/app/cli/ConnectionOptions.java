package io.trailwatch.app.cli;

import io.trailwatch.schemas.kafka.KafkaAccess;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where Kafka and the registry are, for commands that talk to a running Trailwatch. */
public final class ConnectionOptions {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String DEFAULT_REGISTRY = "http://localhost:8081/apis/ccompat/v7";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
        defaultValue = "${env:TRAILWATCH_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP + "}",
        description = "Kafka bootstrap servers (env TRAILWATCH_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
        defaultValue = "${env:TRAILWATCH_SCHEMA_REGISTRY_URL:-" + DEFAULT_REGISTRY + "}",
        description = "Confluent-compatible schema registry URL (env TRAILWATCH_SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--kafka-security-protocol", paramLabel = "PROTOCOL",
        defaultValue = "${env:TRAILWATCH_KAFKA_SECURITY_PROTOCOL:-SASL_PLAINTEXT}",
        description = "SASL_PLAINTEXT (default: the local stack's broker), SASL_SSL, or PLAINTEXT for a cluster that "
            + "authenticates nobody (env TRAILWATCH_KAFKA_SECURITY_PROTOCOL). With SASL, the access key is the SCRAM-"
            + "SHA-512 username and its secret the password.")
    String securityProtocol;

    @Mixin
    CredentialOptions credentials;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The cluster, as the caller: SCRAM with the caller's access key unless the protocol is PLAINTEXT. */
    public KafkaAccess kafka() {
        if ("PLAINTEXT".equalsIgnoreCase(securityProtocol)) {
            return KafkaAccess.plaintext(bootstrapServers);
        }
        final CallerCredentials.Found found = credentials.resolve();
        if (found.credentials() == null) {
            throw new IllegalArgumentException(found.problem());
        }
        final KafkaAccess scram = KafkaAccess.scram(bootstrapServers, found.credentials().accessKeyId(),
            found.credentials().secretAccessKey());
        final java.util.Map<String, String> security = new java.util.HashMap<>(scram.security());
        security.put("security.protocol", securityProtocol.toUpperCase(java.util.Locale.ROOT));
        security.putAll(sharedSettings().withPrefix(io.trailwatch.app.config.SettingsCatalogue.KAFKA_PREFIX + "ssl."));
        return new KafkaAccess(bootstrapServers, security);
    }

    /**
     * The registry's URL; its registry.* settings of the environment (credentials, trust store) are registered for
     * the clients of that URL in this process, as up does.
     */
    public String schemaRegistryUrl() {
        io.trailwatch.schemas.serde.SerdeContext.registerAccess(schemaRegistryUrl, sharedSettings().registrySettings());
        return schemaRegistryUrl;
    }

    /**
     * The settings the CLI shares with up, from the environment: TLS of the cluster (TRAILWATCH_KAFKA_SSL_...) and
     * the registry's (TRAILWATCH_REGISTRY_...). Its SASL login stays the caller's own access key.
     */
    private static io.trailwatch.app.config.Settings sharedSettings() {
        final java.util.Map<String, String> shared = new java.util.HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("TRAILWATCH_KAFKA_SSL_") || name.startsWith("TRAILWATCH_REGISTRY_")) {
                shared.put(name, value);
            }
        });
        try {
            return io.trailwatch.app.config.Settings.resolve(UpCommand.catalogue(), java.util.Map.of(), shared, null);
        } catch (final org.apache.kafka.common.config.ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
