package io.trailwatch.app.dashboards;

import io.trailwatch.app.aws.TopicWriter;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.dashboards.DashboardTable;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Dashboards on the compacted topic {@code trailwatch.dashboards}, read from this instance's global table of it. A
 * write returns once this instance has applied it, so a client reads its own writes; every other instance applies
 * it from the same topic.
 */
public final class DashboardStore implements AutoCloseable {

    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(15);
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();
    /** A body of 1 MB (PutDashboard's limit) and its key, more than a producer's default largest request. */
    private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    /** A stored dashboard: its body as PutDashboard took it and when it was last put. */
    public record Stored(String name, String body, Instant lastModified) {
    }

    private final Supplier<ReadOnlyKeyValueStore<String, ValueAndTimestamp<String>>> store;
    private final TopicWriter<String, String> writer;

    DashboardStore(final Supplier<ReadOnlyKeyValueStore<String, ValueAndTimestamp<String>>> store,
                   final TopicWriter<String, String> writer) {
        this.store = store;
        this.writer = writer;
    }

    /** The store of {@code streams}' global table ({@link DashboardTable}), written through {@code kafka}. */
    public static DashboardStore of(final KafkaStreams streams, final KafkaAccess kafka, final SerdeContext serdes) {
        return new DashboardStore(() -> streams.store(StoreQueryParameters.fromNameAndType(DashboardTable.NAME,
            QueryableStoreTypes.timestampedKeyValueStore())), new TopicWriter<>(kafka, serdes, Topics.DASHBOARDS,
            "trailwatch-dashboards", Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES)));
    }

    public Stored put(final String name, final String body) {
        writer.write(List.of(Map.entry(name, body)));
        awaitLocal(name, stored -> stored != null && stored.value().equals(body));
        return get(name).orElseThrow(() -> new InstanceRouter.UnavailableException(
            "dashboard " + name + " was written but this instance has not applied it yet; retry the read"));
    }

    public Optional<Stored> get(final String name) {
        return Optional.ofNullable(read().get(name)).map(value -> stored(name, value));
    }

    /** The dashboards whose names start with {@code prefix} and sort after {@code after} (null: from the first). */
    public List<Stored> list(final String prefix, final String after, final int limit) {
        final List<Stored> page = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = read().all()) {
            while (all.hasNext() && page.size() < limit) {
                final var entry = all.next();
                if (entry.key.startsWith(prefix) && (after == null || entry.key.compareTo(after) > 0)) {
                    page.add(stored(entry.key, entry.value));
                }
            }
        }
        return page;
    }

    /** Deletes the dashboards (tombstones, which compaction eventually removes). */
    public void delete(final List<String> names) {
        final List<Map.Entry<String, String>> tombstones = new ArrayList<>();
        names.forEach(name -> tombstones.add(new AbstractMap.SimpleEntry<>(name, null)));
        writer.write(tombstones);
        names.forEach(name -> awaitLocal(name, Objects::isNull));
    }

    private static Stored stored(final String name, final ValueAndTimestamp<String> value) {
        return new Stored(name, value.value(), Instant.ofEpochMilli(value.timestamp()));
    }

    /** This instance's copy; while it restores, reading throws InvalidStateStoreException (the API's 503). */
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<String>> read() {
        return store.get();
    }

    private void awaitLocal(final String name, final Predicate<ValueAndTimestamp<String>> applied) {
        final long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (!applied.test(read().get(name)) && System.nanoTime() < deadline
            && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
