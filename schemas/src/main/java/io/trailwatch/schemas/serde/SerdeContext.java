package io.trailwatch.schemas.serde;

import io.trailwatch.schemas.registry.RestSchemaRegistryClient;
import io.trailwatch.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every Avro serde of a process shares: one registry client (and so one id/schema cache) and
 * the auto-register switch.
 */
public final class SerdeContext {

    private static final Map<String, SchemaRegistryClient> CLIENTS_BY_URL = new ConcurrentHashMap<>();
    private static final Map<Object, Map<String, ?>> ACCESS_BY_URL = new ConcurrentHashMap<>();

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;

    public SerdeContext(final SchemaRegistryClient registry, final boolean autoRegister) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegister = autoRegister;
    }

    /**
     * How this process reaches a registry that authenticates (basic or bearer) or has its own CA: set once at
     * start-up from the settings, so that every client of that URL in the process (the processors, the API
     * services, the definition writers) gets it without each being handed the credentials.
     */
    public static void registerAccess(final String registryUrl, final Map<String, ?> access) {
        ACCESS_BY_URL.put(registryUrl, Map.copyOf(access));
    }

    /**
     * The access registered for the URL ({@link #registerAccess}) as serde settings in text, for configurations that
     * leave this process: the connectors a Connect worker runs read the registry with them. Empty when none.
     */
    public static Map<String, String> registeredAccess(final String registryUrl) {
        final Map<String, String> text = new java.util.TreeMap<>();
        ACCESS_BY_URL.getOrDefault(registryUrl, Map.of()).forEach((name, value) -> {
            if (value != null) {
                text.put(name, value instanceof org.apache.kafka.common.config.types.Password password
                    ? password.value() : String.valueOf(value));
            }
        });
        return text;
    }

    /** A context for the registry at the URL, auto-registering schemas. */
    public static SerdeContext forRegistry(final String registryUrl) {
        return fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }

    /** The serde settings of the registry at the URL with the access registered for it ({@link #registerAccess}). */
    public static AvroSerdeConfig registeredConfig(final String registryUrl) {
        return withRegisteredAccess(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }

    private static AvroSerdeConfig withRegisteredAccess(final Map<?, ?> configs) {
        final Map<Object, Object> withAccess = new java.util.HashMap<>(ACCESS_BY_URL.getOrDefault(
            configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL), Map.of()));
        withAccess.putAll(configs);
        return new AvroSerdeConfig(withAccess);
    }

    /** Builds a context from serde configuration; clients are shared per URL and credentials. */
    public static SerdeContext fromConfig(final Map<?, ?> configs) {
        final AvroSerdeConfig config = withRegisteredAccess(configs);
        final String key = config.registryUrl() + '|' + config.authorization() + '|' + config.truststore() + '|'
            + config.requestTimeoutMs();
        final SchemaRegistryClient client = CLIENTS_BY_URL.computeIfAbsent(key, k -> new RestSchemaRegistryClient(
            config.registryUrl(), config.authorization(), RegistryTls.trusting(config.truststore(),
                config.truststorePassword()), Duration.ofMillis(config.requestTimeoutMs())));
        return new SerdeContext(client, config.autoRegister());
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public boolean autoRegister() {
        return autoRegister;
    }
}
