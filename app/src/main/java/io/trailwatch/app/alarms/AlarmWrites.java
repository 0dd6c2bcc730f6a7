package io.trailwatch.app.alarms;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Writes alarm and mute-rule definitions (through the {@link DefinitionStore} every definition API shares, so a
 * change returns once this instance shows it) and SetAlarmState requests to the command topic.
 */
final class AlarmWrites implements AutoCloseable {

    private final DefinitionStore definitions;
    private final Producer<String, AlarmCommand> commands;

    AlarmWrites(final DefinitionStore definitions, final KafkaAccess kafka, final SerdeContext serdes) {
        this.definitions = definitions;
        this.commands = new KafkaProducer<>(kafka.clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "trailwatch-alarm-commands",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all")),
            Topics.ALARM_COMMANDS.keySerde(serdes).serializer(), Topics.ALARM_COMMANDS.valueSerde(serdes).serializer());
    }

    void put(final DefinitionEntry entry) {
        definitions.put(entry);
    }

    /** False when there is no definition of that name. */
    boolean delete(final DefinitionKind kind, final String name) {
        return definitions.delete(kind, name);
    }

    void send(final AlarmCommand command) {
        try {
            commands.send(new ProducerRecord<>(Topics.ALARM_COMMANDS.name(), command.getAlarmName(), command))
                .get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted sending the alarm command", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot write to " + Topics.ALARM_COMMANDS.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        commands.close(Duration.ofSeconds(10));
    }
}
