package io.trailwatch.app;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import io.trailwatch.schemas.kafka.KafkaAccess;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows {@code trailwatch.alarms} without a consumer group (nothing to clean up, no offsets to commit), reading
 * only committed transactions, so an aborted attempt of the processors never shows.
 */
public final class AlarmTail implements AutoCloseable {

    private final KafkaConsumer<String, AlarmStateChange> consumer;

    public AlarmTail(final String bootstrapServers, final String registryUrl, final boolean fromBeginning) {
        this(KafkaAccess.plaintext(bootstrapServers), registryUrl, fromBeginning);
    }

    public AlarmTail(final KafkaAccess kafka, final String registryUrl, final boolean fromBeginning) {
        final SerdeContext serdes = SerdeContext.forRegistry(registryUrl);
        consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
            ConsumerConfig.CLIENT_ID_CONFIG, "trailwatch-tail",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
            Topics.ALARMS.keySerde(serdes).deserializer(), Topics.ALARMS.valueSerde(serdes).deserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALARMS.name(), Duration.ofSeconds(30))
            .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start now, not at the first poll
        }
    }

    /**
     * Hands each state change to the sink until the deadline, until {@code limit} changes were handed over, or until
     * {@link #stop()}. Returns how many were handed over.
     */
    public int follow(final Consumer<AlarmStateChange> sink, final Instant deadline, final int limit) {
        return follow(change -> true, sink, deadline, limit);
    }

    /** As {@link #follow(Consumer, Instant, int)}, for the state changes the filter accepts. */
    public int follow(final Predicate<AlarmStateChange> filter, final Consumer<AlarmStateChange> sink,
                      final Instant deadline, final int limit) {
        int count = 0;
        try {
            while (count < limit && Instant.now().isBefore(deadline)) {
                for (final ConsumerRecord<String, AlarmStateChange> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!filter.test(record.value())) {
                        continue;
                    }
                    sink.accept(record.value());
                    if (++count >= limit) {
                        break;
                    }
                }
            }
        } catch (final WakeupException stopped) {
            // stop() was called from another thread
        }
        return count;
    }

    /** Makes a {@link #follow} running on another thread return. */
    public void stop() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
