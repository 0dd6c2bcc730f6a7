package io.trailwatch.processors.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import io.trailwatch.avro.AuditEvent;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Keeps a partition's index (not changelogged) consistent with its events store (changelogged).
 *
 * <p>Each time a task starts changing the stores it first writes a new generation, to the changelogged
 * generation store and to the index. An index whose generation equals the generation store's was therefore
 * built by the last instance that changed the events, and matches them. Any other index, one left behind by an
 * earlier owner of the partition, one next to a store just restored from its changelog, or none at all, is rebuilt
 * from the events store before the task processes anything or answers a query.
 *
 * <p>The index records the generation behind its format, so an index written in an earlier format is not current
 * either, and a new version of Trailwatch rebuilds it on start.
 */
final class IndexGeneration {

    static final String KEY = "generation";
    /**
     * The index's format, written before the generation in its own record of it. Format 2: the coarse attributes
     * (ReadOnly, AccountId, AwsRegion) live in the time entries' values ({@link TimeEntryValues}). Format 1 (every attribute with entries of its own)
     * wrote the bare generation.
     */
    static final String FORMAT = "2/";
    private static final int BATCH = 1_000;

    private final KeyValueStore<String, String> generations;
    private final KeyValueStore<String, byte[]> events;
    private final KeyValueStore<Bytes, byte[]> index;
    private boolean renewed;

    IndexGeneration(final KeyValueStore<String, String> generations, final KeyValueStore<String, byte[]> events,
                    final KeyValueStore<Bytes, byte[]> index) {
        this.generations = generations;
        this.events = events;
        this.index = index;
    }

    /** Whether the partition's index matches its events store, as seen by a query. */
    static boolean isCurrent(final ReadOnlyKeyValueStore<String, String> generations,
                             final ReadOnlyKeyValueStore<Bytes, byte[]> index) {
        return Objects.equals(indexed(generations.get(KEY)), text(index.get(IndexKeys.meta())));
    }

    /**
     * Rebuilds the index from the events store unless it is current. Returns how many events were re-indexed,
     * or -1 when the index was current.
     */
    long ensureCurrent(final Function<byte[], AuditEvent> decoder) {
        final String generation = generations.get(KEY);
        if (isCurrent(generations, index) && (generation != null || isEmpty(events))) {
            return -1;
        }
        clearIndex();
        long reindexed = 0;
        final List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(BATCH * 14);
        try (KeyValueIterator<String, byte[]> all = events.all()) {
            while (all.hasNext()) {
                batch.addAll(IndexEntries.entries(decoder.apply(all.next().value)));
                reindexed++;
                if (batch.size() >= BATCH * 10) {
                    index.putAll(batch);
                    batch.clear();
                }
            }
        }
        index.putAll(batch);
        if (generation != null) {
            index.put(IndexKeys.meta(), indexed(generation).getBytes(StandardCharsets.UTF_8));
        }
        return reindexed;
    }

    /** Called before each change; the first one of this task's life starts a new generation. */
    void beforeChange() {
        if (renewed) {
            return;
        }
        final String next = UUID.randomUUID().toString();
        index.put(IndexKeys.meta(), indexed(next).getBytes(StandardCharsets.UTF_8));
        generations.put(KEY, next);
        renewed = true;
    }

    private void clearIndex() {
        final List<KeyValue<Bytes, byte[]>> deletes = new ArrayList<>(BATCH);
        try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
            while (all.hasNext()) {
                deletes.add(KeyValue.pair(all.next().key, null));
                if (deletes.size() >= BATCH) {
                    index.putAll(deletes);
                    deletes.clear();
                }
            }
        }
        index.putAll(deletes);
    }

    private static boolean isEmpty(final KeyValueStore<String, byte[]> store) {
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            return !all.hasNext();
        }
    }

    /** How the index records that it was built in this format for {@code generation} (null for none). */
    private static String indexed(final String generation) {
        return generation == null ? null : FORMAT + generation;
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
