package io.trailwatch.app.cli;

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

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }
}
