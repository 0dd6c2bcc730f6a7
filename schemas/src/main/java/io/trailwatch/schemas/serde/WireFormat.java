package io.trailwatch.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the payload.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** A buffer holding the header, for the payload to be written after it. */
    public static ByteArrayOutputStream withHeader(final int schemaId, final int expectedPayloadSize) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_SIZE + expectedPayloadSize);
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
        return out;
    }

    /** Reads and checks the header; returns the schema id and leaves the buffer at the payload. */
    public static int readSchemaId(final ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new SerializationException("not Confluent wire format: " + buffer.remaining()
                + " bytes is shorter than the 5-byte header (magic byte 0 + schema id)");
        }
        final byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("not Confluent wire format: magic byte is " + magic + ", expected 0");
        }
        return buffer.getInt();
    }
}
