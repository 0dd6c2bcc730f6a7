package io.trailwatch.identity.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailwatch.avro.IdentityEntry;
import io.trailwatch.identity.User;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and keys on the compacted topic {@code trailwatch.identity}, read whole into memory by a thread of each
 * instance (a handful of users and keys; a lookup per request must not touch Kafka). A write is acknowledged by
 * every in-sync replica and then awaited on the reading thread, so that this instance reads it at once; the others
 * apply it within their next poll.
 */
public final class KafkaIdentityRepository implements IdentityRepository {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdentityRepository.class);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(15);
    /** The reader's fetches return at once with new records, and at this interval without: its staleness bound. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CATCH_UP_WITHIN = Duration.ofMillis(400);
    private static final String USER = "user";
    private static final String ACCESS_KEY = "access-key";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final TopicPartition partition = new TopicPartition(Topics.IDENTITY.name(), 0);
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, StoredAccessKey> keys = new ConcurrentHashMap<>();
    private final KafkaProducer<String, IdentityEntry> producer;
    private final KafkaConsumer<String, IdentityEntry> consumer;
    private final AtomicLong nextOffset = new AtomicLong(0);
    private final AtomicLong polls = new AtomicLong(0);
    private final Thread reader;
    private final Object applied = new Object();
    private volatile long endAtStart = -1;
    private volatile boolean closed;

    public KafkaIdentityRepository(final String bootstrapServers, final SerdeContext serdes) {
        this(KafkaAccess.plaintext(bootstrapServers), serdes);
    }

    public KafkaIdentityRepository(final KafkaAccess kafka, final SerdeContext serdes) {
        this.producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "trailwatch-identity",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all")),
            Topics.IDENTITY.keySerde(serdes).serializer(), Topics.IDENTITY.valueSerde(serdes).serializer());
        this.consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
            ConsumerConfig.CLIENT_ID_CONFIG, "trailwatch-identity-reader",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis())),
            Topics.IDENTITY.keySerde(serdes).deserializer(), Topics.IDENTITY.valueSerde(serdes).deserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.reader = new Thread(this::read, "trailwatch-identity-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until every user and key that existed when this instance started is loaded. */
    public boolean awaitLoaded(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (applied) {
            while (endAtStart < 0 || nextOffset.get() < endAtStart) {
                final long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(applied, left);
            }
        }
        return true;
    }

    private void read() {
        try {
            endAtStart = consumer.endOffsets(List.of(partition)).get(partition);
            signal();
            while (!closed) {
                for (final ConsumerRecord<String, IdentityEntry> record : consumer.poll(POLL)) {
                    apply(record);
                }
                nextOffset.set(consumer.position(partition));
                polls.incrementAndGet();
                signal();
            }
        } catch (final WakeupException stopping) {
            // closed
        } catch (final RuntimeException e) {
            if (!closed) {
                LOG.error("The identity topic can no longer be read; users and keys will not change here until "
                    + "a restart: {}", e.toString());
            }
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private void signal() {
        synchronized (applied) {
            applied.notifyAll();
        }
    }

    private void apply(final ConsumerRecord<String, IdentityEntry> record) {
        final String key = record.key();
        final int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 0) {
            LOG.warn("Ignoring identity record with key {} at offset {}: not <kind>/<name>", key, record.offset());
            return;
        }
        final String kind = key.substring(0, slash);
        final String name = key.substring(slash + 1);
        try {
            switch (kind) {
                case USER -> applyTo(users, name, record.value(), User.class);
                case ACCESS_KEY -> applyTo(keys, name, record.value(), StoredAccessKey.class);
                default -> LOG.warn("Ignoring identity record of unknown kind {} at offset {}", kind,
                    record.offset());
            }
        } catch (final JsonProcessingException e) {
            LOG.warn("Ignoring unreadable identity record {} at offset {}: {}", key, record.offset(),
                e.getOriginalMessage());
        }
    }

    private <T> void applyTo(final Map<String, T> map, final String name, final IdentityEntry value,
                             final Class<T> type) throws JsonProcessingException {
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, json.readValue(value.getDocument(), type));
        }
    }

    /**
     * Two whole polls after the call: the first may have fetched before another instance's write was acknowledged,
     * the second fetched after it. Bounded by {@link #CATCH_UP_WITHIN} (polls are {@link #POLL} apart when
     * idle), so a request naming an unknown key is held at most that long, typically two polls.
     */
    @Override
    public void catchUp() {
        final long target = polls.get() + 2;
        final long deadline = System.nanoTime() + CATCH_UP_WITHIN.toNanos();
        synchronized (applied) {
            while (polls.get() < target && !closed) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(applied, left);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public Optional<User> user(final String userName) {
        return Optional.ofNullable(users.get(userName));
    }

    @Override
    public Collection<User> users() {
        return users.values().stream().sorted(Comparator.comparing(User::userName)).toList();
    }

    @Override
    public Optional<StoredAccessKey> accessKey(final String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    @Override
    public List<StoredAccessKey> accessKeysOf(final String userName) {
        return keys.values().stream().filter(key -> key.userName().equals(userName))
            .sorted(Comparator.comparing(StoredAccessKey::createDate)).toList();
    }

    @Override
    public void put(final User user) {
        write(USER, user.userName(), user);
    }

    @Override
    public void deleteUser(final String userName) {
        write(USER, userName, null);
    }

    @Override
    public void put(final StoredAccessKey key) {
        write(ACCESS_KEY, key.accessKeyId(), key);
    }

    @Override
    public void deleteAccessKey(final String accessKeyId) {
        write(ACCESS_KEY, accessKeyId, null);
    }

    private void write(final String kind, final String name, final Object document) {
        final IdentityEntry value;
        try {
            value = document == null ? null
                : new IdentityEntry(kind, name, json.writeValueAsString(document), Instant.now());
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        final long offset;
        try {
            offset = producer.send(new ProducerRecord<>(Topics.IDENTITY.name(), 0, kind + "/" + name, value))
                .get(30, TimeUnit.SECONDS).offset();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted writing " + kind + " " + name, e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("could not write " + kind + " " + name + " to " + Topics.IDENTITY.name(), e);
        }
        awaitApplied(offset);
    }

    private void awaitApplied(final long offset) {
        final long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        synchronized (applied) {
            while (nextOffset.get() <= offset) {
                final long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    throw new KafkaException("identity change at offset " + offset + " was written but not yet "
                        + "applied here; retry the read");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(applied, left);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("interrupted", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        signal();
    }
}
