package io.trailwatch.processors.config;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/** Writes validated definitions to the compacted config topic, from where every instance picks them up. */
public final class DefinitionWriter implements AutoCloseable {

    private final Producer<String, ConfigEntry> producer;

    public DefinitionWriter(final String bootstrapServers, final SerdeContext serdes) {
        this.producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.CLIENT_ID_CONFIG, "trailwatch-definitions",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all"),
            Topics.CONFIG.keySerde(serdes).serializer(), Topics.CONFIG.valueSerde(serdes).serializer());
    }

    /** Writes the definitions and waits until all are acknowledged. */
    public void put(final List<ConfigFile.Entry> entries) {
        final Instant now = Instant.now();
        final List<Future<RecordMetadata>> sent = entries.stream()
            .map(entry -> producer.send(new ProducerRecord<>(Topics.CONFIG.name(), entry.key(),
                new ConfigEntry(entry.kind().id(), entry.name(), entry.definitionJson(), now))))
            .toList();
        awaitAll(sent);
    }

    /** Deletes a definition (a tombstone, which compaction eventually removes). */
    public void delete(final DefinitionKind kind, final String name) {
        awaitAll(List.of(producer.send(new ProducerRecord<>(Topics.CONFIG.name(), kind.key(name), null))));
    }

    private static void awaitAll(final List<Future<RecordMetadata>> sent) {
        try {
            for (final Future<RecordMetadata> result : sent) {
                result.get(30, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted writing definitions", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot write definitions to " + Topics.CONFIG.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
