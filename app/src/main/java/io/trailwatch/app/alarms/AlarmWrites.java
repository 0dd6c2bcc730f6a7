package io.trailwatch.app.alarms;

import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.ConfigFile;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionWriter;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Writes definitions to the config topic and SetAlarmState requests to the command topic. A definition change
 * returns once this instance's copy of the config topic shows it, so that a request right after it sees it.
 */
final class AlarmWrites implements AutoCloseable {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    private final DefinitionWriter definitions;
    private final Producer<String, AlarmCommand> commands;
    private final AlarmDefinitionsView view;

    AlarmWrites(final String bootstrapServers, final SerdeContext serdes, final AlarmDefinitionsView view) {
        this.definitions = new DefinitionWriter(bootstrapServers, serdes);
        this.commands = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.CLIENT_ID_CONFIG, "trailwatch-alarm-commands",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all"),
            Topics.ALARM_COMMANDS.keySerde(serdes).serializer(), Topics.ALARM_COMMANDS.valueSerde(serdes).serializer());
        this.view = view;
    }

    void put(final ConfigFile.Entry entry) {
        definitions.put(List.of(entry));
        awaitVisible(entry.key(), stored -> stored != null && stored.getDefinition().equals(entry.definitionJson()));
    }

    void delete(final DefinitionKind kind, final String name) {
        definitions.delete(kind, name);
        awaitVisible(kind.key(name), stored -> stored == null);
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

    private void awaitVisible(final String key, final Predicate<ConfigEntry> visible) {
        final long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (!visible.test(view.entry(key)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis()); // the global store has no change notification to wait on
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        definitions.close();
        commands.close(Duration.ofSeconds(10));
    }
}
