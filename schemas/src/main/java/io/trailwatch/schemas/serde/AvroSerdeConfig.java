package io.trailwatch.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the wire-format serde. Names match Confluent's serializer settings, so an existing
 * producer or consumer configuration works unchanged.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "URL of a Confluent-compatible schema registry, e.g. http://localhost:8081 or "
                + "Apicurio's http://localhost:8080/apis/ccompat/v7.")
        .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
            "Register the writer's schema under <topic>-value (or -key) when it is not registered yet. "
                + "Turn off where schemas are registered by a release process; the serializer then only looks ids up.")
        .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.LOW,
            "user:password for HTTP basic authentication to the registry.")
        .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Timeout of one registry request.")
        .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.LOW,
            "Bearer token for the registry (instead of basic authentication).")
        .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.LOW,
            "Trust store (PKCS12 or JKS) of the registry's TLS certificate; empty: the JVM's CAs.")
        .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Its password.");

    public AvroSerdeConfig(final Map<?, ?> originals) {
        super(DEFINITION, originals, false);
    }

    public String registryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    public boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public String userInfo() {
        final Password password = getPassword(BASIC_AUTH_USER_INFO);
        return password == null ? null : password.value();
    }

    /** The Authorization header value: bearer token, else basic; null for none. */
    public String authorization() {
        final Password bearer = getPassword(BEARER_AUTH_TOKEN);
        if (bearer != null) {
            return "Bearer " + bearer.value();
        }
        return userInfo() == null || userInfo().isBlank() ? null : "Basic " + java.util.Base64.getEncoder()
            .encodeToString(userInfo().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The trust store of the registry's certificate, or null for the JVM's CAs. */
    public java.nio.file.Path truststore() {
        return getString(SSL_TRUSTSTORE_LOCATION).isBlank() ? null : java.nio.file.Path.of(getString(SSL_TRUSTSTORE_LOCATION));
    }

    public String truststorePassword() {
        final Password password = getPassword(SSL_TRUSTSTORE_PASSWORD);
        return password == null ? null : password.value();
    }

    public int requestTimeoutMs() {
        return getInt(REQUEST_TIMEOUT_MS);
    }
}
