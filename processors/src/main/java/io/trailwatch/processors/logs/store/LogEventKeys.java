package io.trailwatch.processors.logs.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of the stored log events, ordered as RocksDB orders bytes: by group, then stream, then event time, then
 * the Kafka record the event came in (partition, offset).
 *
 * <p>Layout: {@code [u16 group length][group UTF-8][u16 stream length][stream UTF-8][timestamp][partition][offset]},
 * the timestamp big-endian with its sign bit flipped (so negative times sort first), partition and offset
 * big-endian. Length prefixes rather than separators: a stream name may hold any character but ':' and '*'. The
 * record's coordinates are the tie-breaker of events of the same millisecond: a replayed record has the same
 * coordinates, so it overwrites itself instead of being stored twice.
 */
public final class LogEventKeys {

    /** timestamp + partition + offset. */
    static final int POSITION_BYTES = Long.BYTES + Integer.BYTES + Long.BYTES;

    private LogEventKeys() {
    }

    /** What the keys of one stream's events start with; also the key of the stream's statistics. */
    public static Bytes stream(final String group, final String stream) {
        final byte[] groupBytes = group.getBytes(StandardCharsets.UTF_8);
        final byte[] streamBytes = stream.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(2 + groupBytes.length + 2 + streamBytes.length)
            .putShort((short) groupBytes.length).put(groupBytes)
            .putShort((short) streamBytes.length).put(streamBytes).array());
    }

    /** What the keys of every stream of one group start with. */
    public static Bytes group(final String group) {
        final byte[] groupBytes = group.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(2 + groupBytes.length).putShort((short) groupBytes.length)
            .put(groupBytes).array());
    }

    /** The key of an event at a position of a stream. */
    public static Bytes event(final Bytes stream, final LogPosition position) {
        final byte[] prefix = stream.get();
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + POSITION_BYTES).put(prefix)
            .putLong(position.timestamp() ^ Long.MIN_VALUE).putInt(position.partition()).putLong(position.offset())
            .array());
    }

    /** The position an event key ends with. */
    public static LogPosition position(final Bytes key) {
        final ByteBuffer buffer = ByteBuffer.wrap(key.get());
        buffer.position(key.get().length - POSITION_BYTES);
        return new LogPosition(buffer.getLong() ^ Long.MIN_VALUE, buffer.getInt(), buffer.getLong());
    }

    /** The group and stream names a stream key (or an event key) starts with. */
    public static StreamName streamName(final Bytes key) {
        final ByteBuffer buffer = ByteBuffer.wrap(key.get());
        final String group = text(buffer);
        return new StreamName(group, text(buffer));
    }

    private static String text(final ByteBuffer buffer) {
        final int length = Short.toUnsignedInt(buffer.getShort());
        final String text = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }

    /** A log group and one of its streams. */
    public record StreamName(String logGroupName, String logStreamName) {
    }
}
