package io.trailwatch.processors.definitions;

import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.AlarmDefinitionChange;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.alarm.AlarmNames;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/**
 * Writes validated definitions to the compacted config topic, from where every instance picks them up. A change of
 * an alarm is then also announced to the task that owns the alarm (on {@code trailwatch.alarm-commands}), so that
 * the alarm history records every configuration update, not only the latest the config topic shows.
 */
public final class DefinitionWriter implements AutoCloseable {

    private final Producer<String, ConfigEntry> producer;
    private final Producer<String, AlarmCommand> notices;

    public DefinitionWriter(final String bootstrapServers, final SerdeContext serdes) {
        this(KafkaAccess.plaintext(bootstrapServers), serdes);
    }

    public DefinitionWriter(final KafkaAccess kafka, final SerdeContext serdes) {
        final Map<String, Object> config = kafka.clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "trailwatch-definitions",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all"));
        this.producer = new KafkaProducer<>(config,
            Topics.CONFIG.keySerde(serdes).serializer(), Topics.CONFIG.valueSerde(serdes).serializer());
        this.notices = new KafkaProducer<>(config, Topics.ALARM_COMMANDS.keySerde(serdes).serializer(),
            Topics.ALARM_COMMANDS.valueSerde(serdes).serializer());
    }

    /** Writes the definitions and waits until all are acknowledged. */
    public void put(final List<DefinitionEntry> entries) {
        final Instant now = Instant.now();
        final List<Future<RecordMetadata>> sent = entries.stream()
            .map(entry -> producer.send(new ProducerRecord<>(Topics.CONFIG.name(), entry.key(),
                new ConfigEntry(entry.kind().id(), entry.name(), entry.definitionJson(), now))))
            .toList();
        awaitAll(sent);
        awaitAll(entries.stream().filter(entry -> AlarmNames.isAlarm(entry.kind()))
            .map(entry -> announce(entry.kind(), entry.name(), entry.definitionJson(), now)).toList());
    }

    /** Deletes a definition (a tombstone, which compaction eventually removes). */
    public void delete(final DefinitionKind kind, final String name) {
        awaitAll(List.of(producer.send(new ProducerRecord<>(Topics.CONFIG.name(), kind.key(name), null))));
        if (AlarmNames.isAlarm(kind)) {
            awaitAll(List.of(announce(kind, name, null, Instant.now())));
        }
    }

    private Future<RecordMetadata> announce(final DefinitionKind kind, final String name, final String json,
                                            final Instant updatedAt) {
        return notices.send(new ProducerRecord<>(Topics.ALARM_COMMANDS.name(), name, new AlarmCommand(
            UUID.randomUUID().toString(), name, updatedAt, null, new AlarmDefinitionChange(kind.id(), json, updatedAt), null)));
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
        notices.close(Duration.ofSeconds(10));
    }
}
