package io.trailwatch.sinks.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic partition of a task: builds its batch from the records Connect delivers, decides when to upload it
 * (records, bytes, record-time interval, idle time) and knows which offset is safe to commit.
 */
final class PartitionArchiver {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionArchiver.class);

    /** The rotation settings of a task. */
    record Rotation(int maxRecords, long maxBytes, long intervalMs, long idleMs) { }

    private final String topic;
    private final int partition;
    private final Rotation rotation;
    private final BatchCommitter committer;

    private Long uploadedThrough;
    private long lastOffset = -1;
    private PartitionBatch open;

    PartitionArchiver(final String topic, final int partition, final Rotation rotation, final BatchCommitter committer) {
        this.topic = topic;
        this.partition = partition;
        this.rotation = rotation;
        this.committer = committer;
    }

    /**
     * Adds the record at the offset; {@code record} is null for one sent to the dead-letter queue. Records seen
     * before (Connect redelivers after a retriable failure) and records already uploaded are skipped.
     */
    void append(final long offset, final ArchivedRecord record, final long timestamp, final long nowMillis) {
        if (!isNew(offset)) {
            return;
        }
        if (open != null && open.pinnedEnd() != null && offset > open.pinnedEnd()) {
            open.closeAtPinnedEnd();
            flush();
        }
        if (open != null && open.pinnedEnd() == null && record != null && open.firstTimestamp() >= 0
            && timestamp - open.firstTimestamp() >= rotation.intervalMs()) {
            flush();
        }
        if (open == null) {
            open = new PartitionBatch(offset);
        }
        open.add(offset, record, timestamp, nowMillis);
        lastOffset = offset;
        if (open.pinnedEnd() != null) {
            if (offset >= open.pinnedEnd()) {
                flush();
            }
        } else if (open.records() >= rotation.maxRecords() || open.bytes() >= rotation.maxBytes()) {
            flush();
        }
    }

    /**
     * Whether the record at the offset still needs archiving: not seen before (Connect redelivers after a
     * retriable failure) and not uploaded already by an earlier incarnation of the task. Records that are not new
     * still move the committable offset on.
     */
    boolean isNew(final long offset) {
        if (offset <= lastOffset) {
            return false;
        }
        if (uploadedThrough == null) {
            uploadedThrough = committer.uploadedThrough(topic, partition);
            if (uploadedThrough >= offset) {
                LOG.info("{}-{}: offsets through {} are archived already; skipping from {}", topic, partition,
                    uploadedThrough, offset);
            }
        }
        if (offset <= uploadedThrough) {
            lastOffset = offset;
            return false;
        }
        return true;
    }

    /** Whether {@link #flush()} can upload now: a batch waiting for offsets another writer cut cannot. */
    boolean canFlushNow() {
        return open != null && open.pinnedEnd() == null;
    }

    /** Uploads the batch if it has been idle long enough; returns ms until it would be, or -1 with no batch. */
    long flushIfIdle(final long nowMillis) {
        if (open == null || open.pinnedEnd() != null) {
            return -1;
        }
        final long idleFor = nowMillis - open.lastAppendMillis();
        if (idleFor >= rotation.idleMs()) {
            flush();
            return -1;
        }
        return rotation.idleMs() - idleFor;
    }

    /** Uploads the open batch (or the part another writer already cut). */
    void flush() {
        while (open != null) {
            final BatchCommitter.Outcome outcome = committer.commit(topic, partition, open);
            if (outcome instanceof BatchCommitter.Committed committed) {
                LOG.debug("{}-{}: archived offsets {}-{} in {} files", topic, partition, open.startOffset(),
                    committed.endOffset(), committed.files());
                uploadedThrough = committed.endOffset();
                open = null;
            } else if (outcome instanceof BatchCommitter.SplitAt split) {
                LOG.info("{}-{}: offsets {}-{} were cut at {} by another writer; adopting its cut", topic, partition,
                    open.startOffset(), open.endOffset(), split.endOffset());
                final PartitionBatch rest = open.splitAfter(split.endOffset(), System.currentTimeMillis());
                final BatchCommitter.Outcome first = committer.commit(topic, partition, open);
                if (!(first instanceof BatchCommitter.Committed)) {
                    throw new IllegalStateException("batch " + topic + "-" + partition + "@" + open.startOffset()
                        + " changed while being adopted: " + first);
                }
                uploadedThrough = split.endOffset();
                open = rest;
                return;
            } else if (outcome instanceof BatchCommitter.ExtendTo extend) {
                LOG.info("{}-{}: offsets from {} were cut at {} by another writer; reading on to there", topic,
                    partition, open.startOffset(), extend.endOffset());
                open.pinEnd(extend.endOffset());
                return;
            }
        }
    }

    /**
     * The offset Connect may commit: the open batch's start (everything before is uploaded), else the next offset
     * after the last one seen; -1 before any record.
     */
    long committableOffset() {
        if (open != null) {
            return open.startOffset();
        }
        return lastOffset < 0 ? -1 : lastOffset + 1;
    }

    long bufferedBytes() {
        return open == null ? 0 : open.bytes();
    }

    String name() {
        return topic + "-" + partition;
    }
}
