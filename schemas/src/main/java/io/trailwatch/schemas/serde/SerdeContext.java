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

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;

    public SerdeContext(final SchemaRegistryClient registry, final boolean autoRegister) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegister = autoRegister;
    }

    /** A context for the registry at the URL, auto-registering schemas. */
    public static SerdeContext forRegistry(final String registryUrl) {
        return fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }

    /** Builds a context from serde configuration; clients are shared per URL and credentials. */
    public static SerdeContext fromConfig(final Map<?, ?> configs) {
        final AvroSerdeConfig config = new AvroSerdeConfig(configs);
        final String key = config.registryUrl() + '|' + config.userInfo() + '|' + config.requestTimeoutMs();
        final SchemaRegistryClient client = CLIENTS_BY_URL.computeIfAbsent(key, k -> new RestSchemaRegistryClient(
            config.registryUrl(), config.userInfo(), Duration.ofMillis(config.requestTimeoutMs())));
        return new SerdeContext(client, config.autoRegister());
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public boolean autoRegister() {
        return autoRegister;
    }
}
