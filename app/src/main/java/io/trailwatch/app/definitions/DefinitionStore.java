package io.trailwatch.app.definitions;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.processors.definitions.DefinitionWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Definitions as the HTTP API manages them: written to the config topic, read from this instance's copy of it.
 * A write returns once this instance applies it (within {@link #VISIBLE_WITHIN}), so a client reads its own
 * writes; every other instance applies it from the same topic.
 */
public final class DefinitionStore implements AutoCloseable {

    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(15);
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private final Supplier<ReadOnlyKeyValueStore<String, ConfigEntry>> store;
    private final DefinitionWriter writer;

    /** @param store this instance's config store (e.g. ProcessorsRuntime::configStore) */
    public DefinitionStore(final Supplier<ReadOnlyKeyValueStore<String, ConfigEntry>> store,
                           final DefinitionWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Writes a validated definition; returns it as stored. */
    public ConfigEntry put(final DefinitionEntry entry) {
        writer.put(List.of(entry));
        awaitLocal(entry.key(), stored -> stored != null && stored.getDefinition().equals(entry.definitionJson()));
        return get(entry.kind(), entry.name()).orElseThrow(() -> new InstanceRouter.UnavailableException(
            entry.key() + " was written but this instance has not applied it yet; retry the read"));
    }

    public Optional<ConfigEntry> get(final DefinitionKind kind, final String name) {
        return Optional.ofNullable(read().get(kind.key(name)));
    }

    /** A definition read as its record. */
    public <T> Optional<T> get(final DefinitionType<T> type, final String name) {
        return get(type.kind(), name).map(entry -> type.fromJson(entry.getDefinition()));
    }

    /** The definitions of the kind whose names start with the prefix (all when null), read as their records. */
    public <T> List<T> list(final DefinitionType<T> type, final String namePrefix) {
        return list(type.kind(), namePrefix == null ? "" : namePrefix).stream()
            .map(entry -> type.fromJson(entry.getDefinition())).toList();
    }

    /** Every definition of the kind, by name. */
    public List<ConfigEntry> list(final DefinitionKind kind) {
        return list(kind, "");
    }

    /** The definitions of the kind whose names start with the prefix, by name. */
    public List<ConfigEntry> list(final DefinitionKind kind, final String namePrefix) {
        final List<ConfigEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, ConfigEntry> all = read().prefixScan(kind.key(namePrefix),
            Serdes.String().serializer())) {
            all.forEachRemaining((KeyValue<String, ConfigEntry> entry) -> entries.add(entry.value));
        }
        return entries;
    }

    /** Deletes the definition; false when there is none of that name. */
    public boolean delete(final DefinitionKind kind, final String name) {
        if (get(kind, name).isEmpty()) {
            return false;
        }
        writer.delete(kind, name);
        awaitLocal(kind.key(name), Objects::isNull);
        return true;
    }

    /** This instance's copy; while it restores, reading throws InvalidStateStoreException (the API's 503). */
    private ReadOnlyKeyValueStore<String, ConfigEntry> read() {
        return store.get();
    }

    private void awaitLocal(final String key, final Predicate<ConfigEntry> applied) {
        final long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (!applied.test(read().get(key)) && System.nanoTime() < deadline
            && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
