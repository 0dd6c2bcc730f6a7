package io.trailwatch.processors.logs.store;

import io.trailwatch.processors.logs.LogEventValidator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A log event as the store keeps it. The value is {@code [ingestion time, 8 bytes][message UTF-8]}: the group, the
 * stream and the position are in the key (see {@link LogEventKeys}), so nothing is stored twice.
 *
 * @param logStreamName the stream it belongs to
 * @param position      its time and the record it came in
 * @param ingestionTime when Trailwatch received it (the Kafka record's timestamp), epoch milliseconds
 * @param message       the message
 */
public record StoredLogEvent(String logStreamName, LogPosition position, long ingestionTime, String message) {

    public long timestamp() {
        return position.timestamp();
    }

    /** The event's size as CloudWatch counts it (UTF-8 message bytes plus 26): what storedBytes adds up. */
    public long size() {
        return sizeOf(message);
    }

    static long sizeOf(final String message) {
        return LogEventValidator.utf8Length(message) + LogEventValidator.EVENT_OVERHEAD_BYTES;
    }

    /**
     * A unique id of the event, as FilterLogEvents returns one: its position, in digits (AWS's are digits too).
     */
    public String eventId() {
        return position.digits();
    }

    static byte[] value(final long ingestionTime, final String message) {
        final byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + text.length).putLong(ingestionTime).put(text).array();
    }

    static StoredLogEvent of(final String logStreamName, final LogPosition position, final byte[] value) {
        final long ingestionTime = ByteBuffer.wrap(value).getLong();
        return new StoredLogEvent(logStreamName, position, ingestionTime,
            new String(value, Long.BYTES, value.length - Long.BYTES, StandardCharsets.UTF_8));
    }

    /** The stored size of a value, without decoding its message. */
    static long sizeOfValue(final byte[] value) {
        return value.length - Long.BYTES + LogEventValidator.EVENT_OVERHEAD_BYTES;
    }
}
