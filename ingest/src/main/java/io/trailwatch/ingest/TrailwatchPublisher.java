package io.trailwatch.ingest;

import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes to Trailwatch's topics from a Java service: Avro in Confluent wire format, idempotent, acks=all, so
 * a retried send never duplicates and an acknowledged record is on every in-sync replica.
 *
 * <pre>
 * try (TrailwatchPublisher publisher = TrailwatchPublisher.builder()
 *         .bootstrapServers("localhost:9092").schemaRegistryUrl("http://localhost:8081/apis/ccompat/v7").build()) {
 *     publisher.publish(auditEvent).join();
 * }
 * </pre>
 */
public final class TrailwatchPublisher implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final SerdeContext serdes;
    private final Map<Topic<?, ?>, Serializers<?, ?>> serializers = new HashMap<>();

    private record Serializers<K, V>(Serializer<K> key, Serializer<V> value) { }

    private TrailwatchPublisher(final Producer<byte[], byte[]> producer, final SerdeContext serdes) {
        this.producer = producer;
        this.serdes = serdes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Publishes an audit event keyed by its eventID and stamped with its event time. */
    public CompletableFuture<RecordMetadata> publish(final AuditEvent event) {
        return publish(Topics.AUDIT, event.getEventID(), event, event.getEventTime().toEpochMilli());
    }

    /** Publishes any record to a Trailwatch topic with the topic's encodings. */
    public <K, V> CompletableFuture<RecordMetadata> publish(final Topic<K, V> topic, final K key, final V value,
                                                            final long timestampMs) {
        final Serializers<K, V> serializer = serializersOf(topic);
        final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), null, timestampMs,
            serializer.key().serialize(topic.name(), key), serializer.value().serialize(topic.name(), value));
        final CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(metadata);
            }
        });
        return result;
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    @SuppressWarnings("unchecked")
    private synchronized <K, V> Serializers<K, V> serializersOf(final Topic<K, V> topic) {
        return (Serializers<K, V>) serializers.computeIfAbsent(topic, t -> new Serializers<>(
            topic.keySerde(serdes).serializer(), topic.valueSerde(serdes).serializer()));
    }

    /** Configures a publisher; bootstrap servers and registry URL are required. */
    public static final class Builder {
        private String bootstrapServers;
        private String schemaRegistryUrl;
        private String clientId = "trailwatch-publisher";
        private final Map<String, Object> overrides = new HashMap<>();

        public Builder bootstrapServers(final String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        /** The cluster and, when it is secured, the SASL settings to connect with. */
        public Builder kafka(final KafkaAccess kafka) {
            this.bootstrapServers = kafka.bootstrapServers();
            overrides.putAll(kafka.security());
            return this;
        }

        public Builder schemaRegistryUrl(final String url) {
            this.schemaRegistryUrl = url;
            return this;
        }

        public Builder clientId(final String id) {
            this.clientId = id;
            return this;
        }

        /** Any Kafka producer setting, e.g. security. Idempotence and acks=all cannot be turned off. */
        public Builder producerConfig(final String key, final Object value) {
            overrides.put(key, value);
            return this;
        }

        public TrailwatchPublisher build() {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
            final Map<String, Object> config = new HashMap<>(overrides);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            final Producer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            return new TrailwatchPublisher(producer, SerdeContext.forRegistry(schemaRegistryUrl));
        }
    }
}
