package io.trailwatch.sinks.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of one topic partition waiting to be uploaded, from {@link #startOffset()} through
 * {@link #endOffset()}. Records that went to the dead-letter queue still count in the range (they are accounted
 * for) but are in no file.
 */
final class PartitionBatch {

    /** One offset of the batch; {@code record} is null for a record sent to the dead-letter queue. */
    record Entry(long offset, ArchivedRecord record, long timestamp) { }

    private final long startOffset;
    private final List<Entry> entries = new ArrayList<>();
    private long endOffset;
    private long bytes;
    private int records;
    private long firstTimestamp = -1;
    private long lastAppendMillis;
    private Long pinnedEnd;

    PartitionBatch(final long startOffset) {
        this.startOffset = startOffset;
        this.endOffset = startOffset - 1;
    }

    void add(final long offset, final ArchivedRecord record, final long timestamp, final long nowMillis) {
        entries.add(new Entry(offset, record, timestamp));
        endOffset = offset;
        lastAppendMillis = nowMillis;
        if (record != null) {
            records++;
            bytes += record.json().length + 1;
            if (firstTimestamp < 0) {
                firstTimestamp = timestamp;
            }
        }
    }

    /**
     * Keeps the entries through {@code end} and returns a batch of the rest (null when none), for when another
     * writer already cut this range at {@code end}.
     */
    PartitionBatch splitAfter(final long end, final long nowMillis) {
        PartitionBatch rest = null;
        final List<Entry> kept = new ArrayList<>();
        for (final Entry entry : entries) {
            if (entry.offset() <= end) {
                kept.add(entry);
            } else {
                if (rest == null) {
                    // The first offset after the cut, as every writer sees it: offsets held by transaction markers
                    // are never delivered, so this need not be end + 1.
                    rest = new PartitionBatch(entry.offset());
                }
                rest.add(entry.offset(), entry.record(), entry.timestamp(), nowMillis);
            }
        }
        entries.clear();
        records = 0;
        bytes = 0;
        for (final Entry entry : kept) {
            entries.add(entry);
            if (entry.record() != null) {
                records++;
                bytes += entry.record().json().length + 1;
            }
        }
        endOffset = end;
        return rest;
    }

    /** Declares that this batch ends at {@code end}, as another writer already cut it; it grows until then. */
    void pinEnd(final long end) {
        pinnedEnd = end;
    }

    Long pinnedEnd() {
        return pinnedEnd;
    }

    /** Ends the batch at its pinned end even though the offsets through it did not all arrive (e.g. compaction). */
    void closeAtPinnedEnd() {
        endOffset = pinnedEnd;
    }

    long startOffset() {
        return startOffset;
    }

    long endOffset() {
        return endOffset;
    }

    List<Entry> entries() {
        return entries;
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    /** Kafka timestamp of the first archived record, or -1. */
    long firstTimestamp() {
        return firstTimestamp;
    }

    long lastAppendMillis() {
        return lastAppendMillis;
    }
}
