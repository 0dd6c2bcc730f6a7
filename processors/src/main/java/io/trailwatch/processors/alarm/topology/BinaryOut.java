package io.trailwatch.processors.alarm.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a state-store value in the alarms' binary format: fixed-width big-endian numbers and length-prefixed UTF-8
 * strings, after a leading format byte. Read back by {@link BinaryIn}, field for field in the same order.
 */
final class BinaryOut {

    private byte[] bytes = new byte[256];
    private int size;

    BinaryOut(final byte format) {
        writeByte(format);
    }

    BinaryOut writeByte(final int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    BinaryOut writeBoolean(final boolean value) {
        return writeByte(value ? 1 : 0);
    }

    BinaryOut writeInt(final int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryOut writeLong(final long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryOut writeDouble(final double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    /** A string, or null (length -1). */
    BinaryOut writeString(final String value) {
        if (value == null) {
            return writeInt(-1);
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(final int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
