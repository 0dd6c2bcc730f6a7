package io.trailwatch.app.notify;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of each partition the deliverer has taken, and how far it may commit. Deliveries finish out of
 * order (lanes run in parallel), so a partition's offset is committed only up to its oldest record not yet done.
 *
 * <p>A lane with enough waiting (its endpoint failing or hanging) is not read further: its later records are left
 * on the partition, which is read on for the other lanes, and read again from the lane's first record left once the
 * lane has caught up ({@link #rewinds}). A failing subscription then holds neither memory nor the other
 * subscriptions of its partition; only the committed offset waits for it, and what a restart reads again is skipped
 * by the delivered set.
 */
final class PartitionProgress {

    /**
     * A lane's records that are taken again after a rewind: those from {@code from}, before {@code until}; {@code from}
     * moves past each one taken, so a later rewind of another lane to an earlier offset does not take it twice.
     */
    private record Reread(long from, long until) {
        boolean covers(final long offset) {
            return offset >= from && offset < until;
        }
    }

    private static final class Partition {
        /** Taken and not yet done. */
        private final TreeSet<Long> pending = new TreeSet<>();
        /** Lanes not read further, each from its first record left on the partition. */
        private final Map<String, Long> left = new HashMap<>();
        private final Map<String, Reread> rereads = new HashMap<>();
        /** After the furthest record read; -1 before the first. */
        private long next = -1;
        private long committed = -1;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /**
     * Whether to deliver this record now: not when its lane is full (then the lane's records, from this one, are left
     * for a rewind) or still left, nor when it was taken before a rewind that reads it again.
     *
     * @param laneFull whether the record's lane has enough waiting
     */
    synchronized boolean take(final TopicPartition partition, final long offset, final String lane,
                              final boolean laneFull) {
        final Partition progress = partitions.computeIfAbsent(partition, key -> new Partition());
        final boolean unread = offset >= progress.next;
        if (unread) {
            progress.next = offset + 1;
            progress.rereads.values().removeIf(reread -> reread.until() <= offset);
        }
        if (progress.left.containsKey(lane)) {
            return false;
        }
        final Reread reread = progress.rereads.get(lane);
        if (!unread && (reread == null || !reread.covers(offset))) {
            return false;
        }
        if (laneFull) {
            progress.left.put(lane, offset);
            progress.rereads.remove(lane);
            return false;
        }
        if (!unread) {
            progress.rereads.put(lane, new Reread(offset + 1, reread.until()));
        }
        return true;
    }

    /** A taken record handed to its lane: the partition is committed only up to it until it is done. */
    synchronized void started(final TopicPartition partition, final long offset) {
        final Partition progress = partitions.get(partition);
        if (progress != null) {
            progress.pending.add(offset);
        }
    }

    /** Delivered or dead-lettered, and recorded as such. */
    synchronized void finished(final TopicPartition partition, final long offset) {
        final Partition progress = partitions.get(partition);
        if (progress != null) {
            progress.pending.remove(offset);
        }
    }

    /**
     * Where to read again, per partition: from the first record left of each lane that now has fewer than
     * {@code below} waiting, when that is before the consumer's position; those lanes' records are taken from there on.
     * Never ahead of the position: records between the two may belong to another lane still being read again.
     */
    synchronized Map<TopicPartition, Long> rewinds(final ToIntFunction<String> queued, final int below,
                                                   final ToLongFunction<TopicPartition> position) {
        final Map<TopicPartition, Long> seeks = new HashMap<>();
        partitions.forEach((partition, progress) -> progress.left.entrySet().removeIf(lane -> {
            if (queued.applyAsInt(lane.getKey()) >= below) {
                return false;
            }
            progress.rereads.put(lane.getKey(), new Reread(lane.getValue(), progress.next));
            if (lane.getValue() < position.applyAsLong(partition)) {
                seeks.merge(partition, lane.getValue(), Math::min);
            }
            return true;
        }));
        return seeks;
    }

    /**
     * The offsets to commit that have moved on since the last commit: each partition's oldest record not done (taken
     * and pending, left on the partition, or not read yet: the consumer's {@code position}).
     */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable(final ToLongFunction<TopicPartition> position) {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, progress) -> {
            long mark = position.applyAsLong(partition);
            if (!progress.pending.isEmpty()) {
                mark = Math.min(mark, progress.pending.first());
            }
            for (final long first : progress.left.values()) {
                mark = Math.min(mark, first);
            }
            if (mark > progress.committed) {
                offsets.put(partition, new OffsetAndMetadata(mark));
            }
        });
        return offsets;
    }

    /**
     * Commits each partition up to its oldest record not done ({@link #committable}), when any has moved on:
     * {@code beforeCommit} first (the deliverer writes what its lanes recorded there, so that the next owner of a
     * partition finds every delivery after the committed offset), then {@code commit}, then records the offsets.
     */
    void commit(final ToLongFunction<TopicPartition> position, final Runnable beforeCommit,
                final Consumer<Map<TopicPartition, OffsetAndMetadata>> commit) {
        final Map<TopicPartition, OffsetAndMetadata> offsets = committable(position);
        if (!offsets.isEmpty()) {
            beforeCommit.run();
            commit.accept(offsets);
            committed(offsets);
        }
    }

    /** These offsets are committed. */
    synchronized void committed(final Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            final Partition progress = partitions.get(partition);
            if (progress != null) {
                progress.committed = offset.offset();
            }
        });
    }

    /** Partitions this instance no longer reads (a rebalance): their next owner starts from their commit. */
    synchronized void forget(final Collection<TopicPartition> revoked) {
        partitions.keySet().removeAll(revoked);
    }
}
