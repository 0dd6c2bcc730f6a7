package io.trailwatch.schemas.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a Kafka client of Trailwatch reaches the cluster: the bootstrap servers and, on a secured cluster, the
 * SASL settings of the principal it connects as. One value handed to every client Trailwatch creates, so that
 * security is configured once and no client is left connecting anonymously.
 *
 * @param bootstrapServers the brokers
 * @param security         client settings beyond the bootstrap servers ({@code security.protocol},
 *                         {@code sasl.mechanism}, {@code sasl.jaas.config}, TLS settings); empty for plaintext
 */
public record KafkaAccess(String bootstrapServers, Map<String, String> security) {

    public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";

    public KafkaAccess {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        security = Map.copyOf(security);
    }

    /** A cluster that authenticates nobody (test brokers, a developer's own). */
    public static KafkaAccess plaintext(final String bootstrapServers) {
        return new KafkaAccess(bootstrapServers, Map.of());
    }

    /** SASL/SCRAM-SHA-512 over a plaintext connection (loopback), as the local stack's broker requires. */
    public static KafkaAccess scram(final String bootstrapServers, final String username, final String password) {
        return new KafkaAccess(bootstrapServers, Map.of(
            "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", SCRAM_SHA_512,
            "sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", username, password)));
    }

    /**
     * SASL/SCRAM-SHA-512 over TLS ({@code SASL_SSL}), as a production cluster takes it: the brokers' certificate
     * checked against the PKCS12 trust store (and its name against the address, Kafka's default).
     */
    public static KafkaAccess scramOverTls(final String bootstrapServers, final String username, final String password,
                                           final Path trustStore, final String trustStorePassword) {
        return new KafkaAccess(bootstrapServers, Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", SCRAM_SHA_512,
            "sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", username, password),
            "ssl.truststore.type", "PKCS12",
            "ssl.truststore.location", trustStore.toAbsolutePath().toString(),
            "ssl.truststore.password", trustStorePassword));
    }

    /** A JAAS login module entry, with the values quoted as JAAS requires. */
    public static String jaas(final String loginModule, final String username, final String password) {
        return loginModule + " required username=\"" + quote(username) + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(final String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The client configuration: bootstrap servers, security, then the caller's own settings. */
    public Map<String, Object> clientConfig(final Map<String, ?> settings) {
        final Map<String, Object> config = new HashMap<>(security);
        config.put("bootstrap.servers", bootstrapServers);
        config.putAll(settings);
        return config;
    }

    public boolean secured() {
        return !security.isEmpty();
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "KafkaAccess[" + bootstrapServers + (secured() ? ", " + security.get("security.protocol") + " "
            + security.get("sasl.mechanism") : ", PLAINTEXT") + "]";
    }
}
