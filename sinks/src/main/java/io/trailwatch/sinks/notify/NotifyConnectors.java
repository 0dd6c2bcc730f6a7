package io.trailwatch.sinks.notify;

import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.sinks.SinkConnectorConfig;
import java.util.Map;
import java.util.Set;

/** Connector configurations for delivering alarm state changes to a webhook, as {@code trailwatch up} runs them. */
public final class NotifyConnectors {

    /** By name: this class is also used where the Connect API is not on the class path. */
    public static final String CONNECTOR_CLASS = "io.trailwatch.sinks.notify.WebhookSinkConnector";
    public static final String DEAD_LETTER_TOPIC = "trailwatch.notifications.deadletter";
    /**
     * The settings that are secrets, which a worker should keep out of the configs its REST API returns (through a
     * config provider: {@code ${file:...}}): the URL, as a Slack incoming webhook's (or any webhook's token in its
     * path, query or user info) is the credential itself, and PagerDuty's routing key, which lets its holder raise
     * incidents.
     */
    public static final Set<String> SECRET_KEYS = Set.of(WebhookSinkConfig.URL, WebhookSinkConfig.PAGERDUTY_ROUTING_KEY,
        WebhookSinkConfig.DELIVERED_CLIENT_PREFIX + "sasl.jaas.config", AvroSerdeConfig.BASIC_AUTH_USER_INFO,
        AvroSerdeConfig.BEARER_AUTH_TOKEN, AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD);

    private NotifyConnectors() {
    }

    /**
     * One webhook: every transition on {@code topic} (the alarm topic) delivered once, as {@code format}.
     *
     * @param name             the connector's name, which also scopes its record of delivered transitions
     * @param routingKey       PagerDuty's integration key, or null for the other formats
     * @param bootstrapServers Kafka as the Connect worker reaches it, for the record of delivered transitions
     */
    public static Map<String, String> webhook(final String name, final String topic, final String url,
                                              final PayloadFormat format, final String routingKey,
                                              final String registryUrl, final String bootstrapServers) {
        return webhook(name, topic, url, format, routingKey, registryUrl, bootstrapServers, Map.of());
    }

    /**
     * One webhook, on a secured cluster: as {@link #webhook(String, String, String, PayloadFormat, String, String,
     * String)}, with the Kafka client settings ({@code security.protocol}, {@code sasl.*}) the record of delivered
     * transitions logs in with.
     */
    public static Map<String, String> webhook(final String name, final String topic, final String url,
                                              final PayloadFormat format, final String routingKey,
                                              final String registryUrl, final String bootstrapServers,
                                              final Map<String, String> kafkaSecurity) {
        // One task: a partition's transitions are delivered in order either way, and webhooks rarely want more.
        // A transition still failing after the retries goes to the dead-letter topic with the reason.
        final Map<String, String> config = SinkConnectorConfig.of(name, CONNECTOR_CLASS, 1, topic, DEAD_LETTER_TOPIC);
        config.put(WebhookSinkConfig.URL, url);
        config.put(WebhookSinkConfig.FORMAT, format.name());
        if (routingKey != null) {
            config.put(WebhookSinkConfig.PAGERDUTY_ROUTING_KEY, routingKey);
        }
        config.put(WebhookSinkConfig.SCHEMA_REGISTRY_URL, registryUrl);
        // As the archive's: the registry's credentials and trust store registered in this JVM go with the URL.
        config.putAll(SerdeContext.registeredAccess(registryUrl));
        config.put(WebhookSinkConfig.DELIVERED_BOOTSTRAP_SERVERS, bootstrapServers);
        kafkaSecurity.forEach((key, value) -> config.put(WebhookSinkConfig.DELIVERED_CLIENT_PREFIX + key, value));
        return config;
    }
}
