package io.trailwatch.sinks.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

/** The configuration {@code trailwatch up} registers is one the connector and Connect both accept as meant. */
class NotifyConnectorsTest {

    @Test
    void theConnectorReadsTheWebhookItWasGiven() {
        final Map<String, String> config = NotifyConnectors.webhook("notify", "trailwatch.alarms",
            "https://hooks.example.com/T0/B0", PayloadFormat.pagerduty, "R0UT1NGKEY", "http://registry:8081",
            "kafka:9092");
        final WebhookSinkConfig parsed = new WebhookSinkConfig(config);

        assertThat(parsed.url()).isEqualTo("https://hooks.example.com/T0/B0");
        assertThat(parsed.format()).isEqualTo(PayloadFormat.pagerduty);
        assertThat(parsed.routingKey()).isEqualTo("R0UT1NGKEY");
        assertThat(parsed.schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(parsed.deliveredBootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config).containsEntry("connector.class", WebhookSinkConnector.class.getName())
            .containsEntry(SinkConnector.TOPICS_CONFIG, "trailwatch.alarms")
            .containsEntry("errors.deadletterqueue.topic.name", NotifyConnectors.DEAD_LETTER_TOPIC)
            .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    }

    @Test
    void onASecuredClusterTheRecordOfDeliveriesLogsInAndItsLoginIsASecret() {
        final Map<String, String> config = NotifyConnectors.webhook("notify", "trailwatch.alarms",
            "http://127.0.0.1:9999/alarms", PayloadFormat.json, null, "http://registry:8081", "kafka:9092",
            Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";"));

        assertThat(new WebhookSinkConfig(config).deliveredClientSettings())
            .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
            .containsEntry("sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";")
            .hasSize(3);
        assertThat(NotifyConnectors.SECRET_KEYS).contains("delivered.client.sasl.jaas.config", WebhookSinkConfig.URL,
            WebhookSinkConfig.PAGERDUTY_ROUTING_KEY);
    }

    @Test
    void noRoutingKeyUnlessOneIsGiven() {
        final Map<String, String> config = NotifyConnectors.webhook("notify", "trailwatch.alarms",
            "http://127.0.0.1:9999/alarms", PayloadFormat.json, null, "http://registry:8081", "kafka:9092");
        assertThat(config).doesNotContainKey(WebhookSinkConfig.PAGERDUTY_ROUTING_KEY);
        assertThat(new WebhookSinkConfig(config).routingKey()).isNull();
    }
}
