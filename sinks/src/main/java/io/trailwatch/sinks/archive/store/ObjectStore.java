package io.trailwatch.sinks.archive.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few object-storage operations the archive needs, in one bucket. Implemented over S3 by
 * {@link S3ObjectStore}; every S3-compatible server that honours {@code If-None-Match: *} will do.
 */
public interface ObjectStore extends AutoCloseable {

    /** The bucket this store writes to. */
    String bucket();

    /**
     * Creates the object unless one exists under the key ({@code If-None-Match: *}). Returns false, writing
     * nothing, when the key was taken: the archive's objects are written once and never replaced.
     */
    boolean putIfAbsent(String key, byte[] body, Map<String, String> metadata);

    /** Creates or replaces the object (for the few mutable bookkeeping objects). */
    void put(String key, byte[] body, Map<String, String> metadata);

    /** The object's content and metadata, or empty when there is no such key. */
    Optional<StoredObject> get(String key);

    /**
     * Keys under the prefix, in key order, starting after {@code startAfter} (null: from the first): at most
     * {@code maxKeys}, and fewer only when there are no more.
     */
    List<ObjectSummary> list(String prefix, String startAfter, int maxKeys);

    /** Every key under the prefix, in key order. */
    default List<ObjectSummary> listAll(final String prefix) {
        final List<ObjectSummary> all = new java.util.ArrayList<>();
        String after = null;
        while (true) {
            final List<ObjectSummary> page = list(prefix, after, 1000);
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    /** The "directories" right under the prefix: the common prefixes up to the next {@code /}. */
    List<String> childPrefixes(String prefix);

    /** Deletes the object if it exists. */
    void delete(String key);

    @Override
    void close();
}
