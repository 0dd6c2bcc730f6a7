package io.trailwatch.processors.logs.store;

import java.nio.ByteBuffer;

/**
 * What DescribeLogStreams and DescribeLogGroups report of a stream's stored events.
 *
 * @param firstEventTimestamp the time of its oldest stored event
 * @param lastEventTimestamp  the time of its newest stored event
 * @param lastIngestionTime   when its latest event was received
 * @param storedBytes         the sizes of its stored events (UTF-8 message bytes plus 26 each, as CloudWatch
 *                            counts an event), what retention frees
 * @param eventCount          how many events it has stored
 */
public record LogStreamStats(long firstEventTimestamp, long lastEventTimestamp, long lastIngestionTime,
                             long storedBytes, long eventCount) {

    private static final int BYTES = 5 * Long.BYTES;

    /** The statistics with one more event. */
    LogStreamStats plus(final long timestamp, final long ingestionTime, final long size) {
        return new LogStreamStats(Math.min(firstEventTimestamp, timestamp), Math.max(lastEventTimestamp, timestamp),
            Math.max(lastIngestionTime, ingestionTime), storedBytes + size, eventCount + 1);
    }

    /**
     * Both parts of a stream found in two partitions (its events keyed otherwise than by group and stream, by a
     * publisher writing to Kafka directly).
     */
    public LogStreamStats plus(final LogStreamStats other) {
        return new LogStreamStats(Math.min(firstEventTimestamp, other.firstEventTimestamp),
            Math.max(lastEventTimestamp, other.lastEventTimestamp), Math.max(lastIngestionTime,
            other.lastIngestionTime), storedBytes + other.storedBytes, eventCount + other.eventCount);
    }

    static LogStreamStats first(final long timestamp, final long ingestionTime, final long size) {
        return new LogStreamStats(timestamp, timestamp, ingestionTime, size, 1);
    }

    byte[] encode() {
        return ByteBuffer.allocate(BYTES).putLong(firstEventTimestamp).putLong(lastEventTimestamp)
            .putLong(lastIngestionTime).putLong(storedBytes).putLong(eventCount).array();
    }

    static LogStreamStats decode(final byte[] value) {
        final ByteBuffer buffer = ByteBuffer.wrap(value);
        return new LogStreamStats(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong(),
            buffer.getLong());
    }
}
