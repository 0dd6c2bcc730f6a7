package io.trailwatch.app.aws;

import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * What AWS's data-plane calls (PutMetricData, PutLogEvents) write their records with: to one topic, exactly as a
 * Kafka publisher writes them (idempotent, acknowledged by all replicas), returning once the broker has them all so
 * that a call's success means its records are durable.
 *
 * @param <K> the topic's key
 * @param <V> the topic's value
 */
public final class TopicWriter<K, V> implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Topic<K, V> topic;
    private final Producer<K, V> producer;

    /** @param clientId the producer's client id, naming the call it writes for */
    public TopicWriter(final KafkaAccess kafka, final SerdeContext serdes, final Topic<K, V> topic,
                       final String clientId) {
        this(kafka, serdes, topic, clientId, Map.of());
    }

    /** @param overrides producer settings of this writer's own (a larger {@code max.request.size}) */
    public TopicWriter(final KafkaAccess kafka, final SerdeContext serdes, final Topic<K, V> topic,
                       final String clientId, final Map<String, Object> overrides) {
        this.topic = topic;
        final Map<String, Object> config = new java.util.HashMap<>(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, clientId,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 2,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        config.putAll(overrides);
        this.producer = new KafkaProducer<>(kafka.clientConfig(config),
            topic.keySerde(serdes).serializer(), topic.valueSerde(serdes).serializer());
    }

    /** Writes the values, each under its key; returns once every one is on the topic. */
    public void write(final List<V> values, final Function<V, K> key) {
        write(values.stream().map(value -> Map.entry(key.apply(value), value)).toList());
    }

    /** Writes the records (key and value), in order; returns once every one is on the topic. */
    public void write(final List<Map.Entry<K, V>> records) {
        final List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (final Map.Entry<K, V> record : records) {
            sent.add(producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())));
        }
        final long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        try {
            for (final Future<RecordMetadata> each : sent) {
                each.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted writing to " + topic.name(), e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot write to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
