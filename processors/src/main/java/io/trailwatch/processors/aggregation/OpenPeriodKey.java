package io.trailwatch.processors.aggregation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key of an open period in the aggregation store: period end (8 bytes, big-endian), period length (4 bytes),
 * then the metric identity. Period ends are positive epoch times, so their big-endian bytes sort as numbers and byte
 * order is end-time order: closing is a scan between two ends ({@link #endingAfter}).
 */
record OpenPeriodKey(long periodEndMs, int periodSeconds, String identityKey) {

    private static final int PREFIX = Long.BYTES + Integer.BYTES;

    Bytes encode() {
        final byte[] identity = identityKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(PREFIX + identity.length)
            .putLong(periodEndMs).putInt(periodSeconds).put(identity).array());
    }

    static OpenPeriodKey decode(final Bytes bytes) {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes.get());
        final long end = buffer.getLong();
        final int period = buffer.getInt();
        return new OpenPeriodKey(end, period, new String(bytes.get(), PREFIX, bytes.get().length - PREFIX,
            StandardCharsets.UTF_8));
    }

    /** The smallest key of a period ending after {@code endMs}: every key of a later end sorts at or after it. */
    static Bytes endingAfter(final long endMs) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(endMs + 1).array());
    }

    long periodStartMs() {
        return periodEndMs - periodSeconds * 1000L;
    }
}
