package io.trailwatch.sinks.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The transitions a connector has already handled (delivered or dead-lettered), kept on a compacted topic keyed
 * {@code <connector>/<transition id>}. A record is written, and acknowledged, right after each delivery, and the
 * whole topic is read when a task starts: a transition delivered before a crash, whose offset Connect had not yet
 * committed, is then skipped instead of sent again. A deliverer that sends many requests at once records without
 * waiting ({@link #recordUnacknowledged}) and {@link #flush}es once before it commits its offsets.
 */
public final class DeliveredTransitions implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Older transitions are long past the alarm topic's retention, so they cannot come back. */
    private static final String RETENTION_MS = Long.toString(Duration.ofDays(30).toMillis());

    private final String topic;
    private final String prefix;
    private final KafkaProducer<String, String> producer;
    /** Concurrent: deliveries on several threads record into it. */
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    /** The first record {@link #recordUnacknowledged} could not write, reported by {@link #flush}. */
    private final AtomicReference<Exception> unwritten = new AtomicReference<>();

    private final Map<String, Object> clientSettings;
    private final String bootstrapServers;

    /**
     * @param clientSettings Kafka client settings beyond the bootstrap servers: how to log in to a secured cluster
     */
    public DeliveredTransitions(final String bootstrapServers, final Map<String, Object> clientSettings, final String topic,
                         final String connector) {
        this.topic = topic;
        this.prefix = connector + "/";
        this.clientSettings = Map.copyOf(clientSettings);
        ensureTopic(bootstrapServers, topic);
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(client(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer());
        load();
    }

    /**
     * Reads the topic again to its end: what other instances delivered before this one was handed their
     * partitions (a rebalance) is then skipped too.
     */
    public void reload() {
        load();
    }

    /** A client's configuration: the login settings, then the client's own. */
    private Map<String, Object> client(final Map<String, Object> own) {
        final Map<String, Object> config = new HashMap<>(clientSettings);
        config.putAll(own);
        return config;
    }

    public boolean handled(final String transitionId) {
        return handled.contains(transitionId);
    }

    /** Records the outcome, and returns once the record is acknowledged. */
    public void record(final String transitionId, final String outcome) {
        try {
            producer.send(new ProducerRecord<>(topic, prefix + transitionId, outcome + " " + Instant.now()))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted recording delivery of " + transitionId, e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot record delivery of " + transitionId + " on " + topic, e);
        }
        handled.add(transitionId);
    }

    /**
     * Records the outcome without waiting for Kafka's acknowledgement (the transition counts as handled here at
     * once); {@link #flush} waits for it, and for every other so recorded.
     */
    public void recordUnacknowledged(final String transitionId, final String outcome) {
        producer.send(new ProducerRecord<>(topic, prefix + transitionId, outcome + " " + Instant.now()),
            (metadata, error) -> {
                if (error != null) {
                    unwritten.compareAndSet(null, error);
                }
            });
        handled.add(transitionId);
    }

    /**
     * Returns once every outcome recorded so far is acknowledged: only then may the offsets of their transitions be
     * committed.
     *
     * @throws KafkaException when one of them could not be written
     */
    public void flush() {
        producer.flush();
        final Exception error = unwritten.get();
        if (error != null) {
            throw new KafkaException("cannot record deliveries on " + topic, error);
        }
    }

    private void load() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, TIMEOUT) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("cannot read " + topic + " to its end within " + TIMEOUT);
                }
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Optional.ofNullable(record.key()).filter(key -> key.startsWith(prefix))
                        .map(key -> key.substring(prefix.length()))
                        .ifPresent(id -> {
                            if (record.value() == null) {
                                handled.remove(id);
                            } else {
                                handled.add(id);
                            }
                        });
                }
            }
        }
    }

    private void ensureTopic(final String bootstrapServers, final String topic) {
        try (Admin admin = Admin.create(client(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)))) {
            if (admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                "cleanup.policy", "compact,delete", "retention.ms", RETENTION_MS))))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create " + topic, e);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted creating " + topic, e);
        } catch (final TimeoutException e) {
            throw new KafkaException("cannot create " + topic, e);
        }
    }

    @Override
    public void close() {
        close(TIMEOUT);
    }

    /** Closes, waiting at most this long for what is in flight (a stopping instance must not wait out a broker). */
    public void close(final Duration timeout) {
        producer.close(timeout);
    }
}
