package io.trailwatch.sinks.archive;

import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** An object store in memory with S3's semantics for what the archive uses: conditional create, listing order. */
public final class InMemoryObjectStore implements ObjectStore {

    private final TreeMap<String, StoredObject> objects = new TreeMap<>();
    private final Supplier<Instant> clock;
    private final AtomicInteger conditionalConflicts = new AtomicInteger();

    public InMemoryObjectStore(final Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public String bucket() {
        return "test-bucket";
    }

    @Override
    public synchronized boolean putIfAbsent(final String key, final byte[] body, final Map<String, String> metadata) {
        if (objects.containsKey(key)) {
            conditionalConflicts.incrementAndGet();
            return false;
        }
        put(key, body, metadata);
        return true;
    }

    @Override
    public synchronized void put(final String key, final byte[] body, final Map<String, String> metadata) {
        objects.put(key, new StoredObject(key, body.clone(), metadata, clock.get()));
    }

    @Override
    public synchronized Optional<StoredObject> get(final String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public synchronized List<ObjectSummary> list(final String prefix, final String startAfter, final int maxKeys) {
        final List<ObjectSummary> page = new ArrayList<>();
        for (final StoredObject object : (startAfter == null ? objects : objects.tailMap(startAfter, false)).values()) {
            if (page.size() == maxKeys) {
                break;
            }
            if (object.key().startsWith(prefix)) {
                page.add(new ObjectSummary(object.key(), object.lastModified(), object.body().length));
            }
        }
        return page;
    }

    @Override
    public synchronized List<String> childPrefixes(final String prefix) {
        final TreeSet<String> children = new TreeSet<>();
        for (final String key : objects.keySet()) {
            if (key.startsWith(prefix)) {
                final int slash = key.indexOf('/', prefix.length());
                if (slash >= 0) {
                    children.add(key.substring(0, slash + 1));
                }
            }
        }
        return new ArrayList<>(children);
    }

    @Override
    public synchronized void delete(final String key) {
        objects.remove(key);
    }

    @Override
    public void close() {
    }

    /** Every key, in order. */
    public synchronized List<String> keys() {
        return new ArrayList<>(objects.keySet());
    }

    /** Conditional creates refused because the key existed. */
    public int conditionalConflicts() {
        return conditionalConflicts.get();
    }
}
