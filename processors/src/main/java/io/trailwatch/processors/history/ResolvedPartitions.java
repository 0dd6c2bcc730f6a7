package io.trailwatch.processors.history;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Each local partition's stores as last resolved, handed out again while they are all open. Resolving goes through
 * Kafka Streams' view of every task of every stream thread: three stores times six partitions per search came to
 * about a tenth of a lookup's CPU.
 *
 * <p>A store closes when its task moves to another thread or instance, or is revived after an error; the
 * partition's stores are then resolved again. An open store is never stale for a search: only partitions whose
 * tasks are active here are searched, and every search checks that the partition's index is current (which a task
 * still restoring, or rebuilding its index, is not).
 */
final class ResolvedPartitions {

    private final Map<Integer, PartitionStores> resolved = new ConcurrentHashMap<>();
    private final IntFunction<PartitionStores> resolver;

    ResolvedPartitions(final IntFunction<PartitionStores> resolver) {
        this.resolver = resolver;
    }

    /** The partition's stores; resolving them may throw InvalidStateStoreException. */
    PartitionStores get(final int partition) {
        final PartitionStores cached = resolved.get(partition);
        if (cached != null && cached.areOpen()) {
            return cached;
        }
        final PartitionStores fresh = resolver.apply(partition);
        resolved.put(partition, fresh);
        return fresh;
    }

    /** Drops what was resolved for the partition, after its stores failed a read. */
    void forget(final int partition) {
        resolved.remove(partition);
    }
}
