package io.trailwatch.processors.alarm.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link BinaryOut} wrote, after the format byte. */
final class BinaryIn {

    private final ByteBuffer buffer;

    BinaryIn(final byte[] bytes) {
        this.buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    }

    int readByte() {
        return buffer.get();
    }

    boolean readBoolean() {
        return buffer.get() != 0;
    }

    int readInt() {
        return buffer.getInt();
    }

    long readLong() {
        return buffer.getLong();
    }

    double readDouble() {
        return buffer.getDouble();
    }

    String readString() {
        final int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        if (length > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        final String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    /** A count of items to follow, checked against what is left so that a damaged value cannot ask for more. */
    int readCount() {
        final int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining()) {
            throw new SerializationException("invalid item count " + count);
        }
        return count;
    }
}
