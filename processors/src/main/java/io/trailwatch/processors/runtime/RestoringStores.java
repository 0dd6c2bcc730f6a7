package io.trailwatch.processors.runtime;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Which state stores are being restored from their changelogs right now: until they are, this instance answers
 * queries from incomplete state (the event history, alarm states) and is not ready, although its threads may
 * already be RUNNING (the state updater restores beside them).
 */
final class RestoringStores implements StateRestoreListener {

    private final Set<String> restoring = ConcurrentHashMap.newKeySet();

    @Override
    public void onRestoreStart(final TopicPartition partition, final String store, final long startOffset,
                               final long endOffset) {
        restoring.add(key(store, partition));
    }

    @Override
    public void onBatchRestored(final TopicPartition partition, final String store, final long batchEndOffset,
                                final long numRestored) {
        // progress only
    }

    @Override
    public void onRestoreEnd(final TopicPartition partition, final String store, final long totalRestored) {
        restoring.remove(key(store, partition));
    }

    @Override
    public void onRestoreSuspended(final TopicPartition partition, final String store, final long totalRestored) {
        // The task moved elsewhere: this instance no longer restores it.
        restoring.remove(key(store, partition));
    }

    /** {@code store[changelog-partition]}, sorted. */
    Set<String> now() {
        return new TreeSet<>(restoring);
    }

    private static String key(final String store, final TopicPartition partition) {
        return store + "[" + partition.partition() + "]";
    }
}
