package io.trailwatch.processors.logs.store;

import io.trailwatch.processors.common.Utf8Search;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A stored event as a scan reads it: its key and value bytes as the store gave them, decoded only as far as asked.
 * A Logs Insights pass reads every event of a range but most queries look at a few of them ({@code filter}) or at
 * their times only ({@code stats count(*) by bin(5m)}); building a {@link StoredLogEvent} (a position, a decoded
 * message) for each one cost more than reading it from the store.
 */
public final class ScannedLogEvent {

    private final String logStreamName;
    private final byte[] key;
    private final byte[] value;
    private StoredLogEvent decoded;

    ScannedLogEvent(final String logStreamName, final byte[] key, final byte[] value) {
        this.logStreamName = logStreamName;
        this.key = key;
        this.value = value;
    }

    /** An event already decoded (tests, callers that hold one), seen the same way. */
    public static ScannedLogEvent of(final StoredLogEvent event) {
        final ScannedLogEvent scanned = new ScannedLogEvent(event.logStreamName(),
            LogEventKeys.event(Bytes.wrap(new byte[0]), event.position()).get(),
            StoredLogEvent.value(event.ingestionTime(), event.message()));
        scanned.decoded = event;
        return scanned;
    }

    public String logStreamName() {
        return logStreamName;
    }

    /** The event's time, read from the end of its key. */
    public long timestamp() {
        return ByteBuffer.wrap(key).getLong(key.length - LogEventKeys.POSITION_BYTES) ^ Long.MIN_VALUE;
    }

    /**
     * The event's size as CloudWatch counts it, from the stored length: the value holds the message as UTF-8 (valid:
     * written from a Java string), so its length is the message's UTF-8 length.
     */
    public long size() {
        return StoredLogEvent.sizeOfValue(value);
    }

    /**
     * Whether the message contains {@code utf8} (a non-empty UTF-8 encoded string), read on the stored bytes. UTF-8
     * is self-synchronizing, so a byte match is a character match: the same answer as
     * {@code message().contains(term)}.
     */
    public boolean messageContains(final byte[] utf8) {
        return Utf8Search.contains(value, Long.BYTES, value.length, utf8);
    }

    /** The whole event, decoded once. */
    public StoredLogEvent event() {
        if (decoded == null) {
            decoded = StoredLogEvent.of(logStreamName, LogEventKeys.position(Bytes.wrap(key)), value);
        }
        return decoded;
    }
}
