package io.trailwatch.processors.testing;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.definitions.DefinitionTypes;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver with Trailwatch's topics, serdes and a config topic to put definitions on. */
public final class TopologyHarness implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    private final SerdeContext serdes = new SerdeContext(new InMemorySchemaRegistry(), true);
    private TopologyTestDriver driver;

    public SerdeContext serdes() {
        return serdes;
    }

    public TopologyHarness start(final Topology topology) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEADLETTER.name());
        driver = new TopologyTestDriver(topology, props, START);
        return this;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public <K, V> TestInputTopic<K, V> input(final Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(),
            topic.valueSerde(serdes).serializer());
    }

    public <K, V> TestOutputTopic<K, V> output(final Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde(serdes).deserializer(),
            topic.valueSerde(serdes).deserializer());
    }

    /** Puts a definition (validated as every edge does) on the config topic. */
    public void define(final DefinitionKind kind, final String json) {
        final DefinitionEntry entry = DefinitionTypes.of(kind).entry(json);
        input(Topics.CONFIG).pipeInput(entry.key(),
            new ConfigEntry(kind.id(), entry.name(), entry.definitionJson(), START), START);
    }

    public void undefine(final DefinitionKind kind, final String name) {
        input(Topics.CONFIG).pipeInput(kind.key(name), null, START);
    }

    /** The total of a Trailwatch counter ({@code Counters}) across tasks, e.g. "invalid-log-events". */
    public double counter(final String operation) {
        return driver.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals(operation + "-total"))
            .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
            .sum();
    }

    public static AuditEvent auditEvent(final String eventName, final Instant time) {
        return AuditEvent.newBuilder()
            .setEventID(UUID.randomUUID().toString())
            .setEventTime(time)
            .setEventSource("s3.amazonaws.com")
            .setEventName(eventName)
            .setAwsRegion("eu-west-1")
            .setSourceIPAddress("203.0.113.7")
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName("bob")
                .setAccountId("123456789012").build())
            .setEventType("AwsApiCall")
            .setEventCategory("Management")
            .build();
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
    }
}
