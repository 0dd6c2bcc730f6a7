package io.trailwatch.bench;

import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An ingest workload's baseline: the same records through a Kafka producer of the API's own settings (idempotent,
 * acks=all, lz4, linger 2 ms, as {@code TopicWriter}), one batch per call, waiting for the acknowledgements.
 */
final class ProducerCalls<K, V> {

    private final Topic<K, V> topic;
    private final List<List<Map.Entry<K, V>>> batches;
    private final Producer<K, V> producer;
    private final long bytesPerCall;

    ProducerCalls(final String bootstrapServers, final SerdeContext serdes, final Topic<K, V> topic,
                  final List<List<Map.Entry<K, V>>> batches) {
        this.topic = topic;
        this.batches = List.copyOf(batches);
        final Serializer<K> keys = topic.keySerde(serdes).serializer();
        final Serializer<V> values = topic.valueSerde(serdes).serializer();
        long bytes = 0;
        for (final Map.Entry<K, V> record : batches.get(0)) {
            bytes += keys.serialize(topic.name(), record.getKey()).length
                + values.serialize(topic.name(), record.getValue()).length;
        }
        this.bytesPerCall = bytes;
        this.producer = new KafkaProducer<>(KafkaAccess.plaintext(bootstrapServers).clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "bench-" + topic.name(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 2,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")), keys, values);
    }

    /** The bytes of one call's records on the topic (keys and values). */
    long bytesPerCall() {
        return bytesPerCall;
    }

    IngestWorkload.Call call() {
        return thread -> {
            final List<Map.Entry<K, V>> batch = batches.get(Math.floorMod(thread + (int) System.nanoTime(),
                batches.size()));
            final List<Future<?>> sent = new ArrayList<>(batch.size());
            for (final Map.Entry<K, V> record : batch) {
                sent.add(producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())));
            }
            for (final Future<?> each : sent) {
                each.get();
            }
        };
    }
}
