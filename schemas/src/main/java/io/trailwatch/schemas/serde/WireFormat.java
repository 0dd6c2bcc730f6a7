package io.trailwatch.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the payload.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * Starts a record in this thread's buffer: the header, then an Avro encoder for the payload, then {@link
     * Encoding#finish()} for the bytes. Serializing is on the path of every record Trailwatch produces (the API's
     * writes, every Streams output and changelog record): a buffer and encoder reused per thread leave one allocation
     * per record (the array returned), where a new stream per record grew and copied its array, and an unbuffered
     * encoder wrote each varint byte by byte through a synchronized stream.
     */
    public static Encoding encoding(final int schemaId) {
        return Encoding.PER_THREAD.get().start(schemaId);
    }

    /** A thread's buffer and encoder, for one record at a time. */
    public static final class Encoding {

        private static final ThreadLocal<Encoding> PER_THREAD = ThreadLocal.withInitial(Encoding::new);
        /** A buffer grown past this (a rare large record) is not kept for the thread's next records. */
        private static final int KEPT_CAPACITY = 1 << 20;

        private ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private BinaryEncoder encoder;

        private Encoding start(final int schemaId) {
            out.reset();
            out.write(MAGIC_BYTE);
            out.write(schemaId >>> 24);
            out.write(schemaId >>> 16);
            out.write(schemaId >>> 8);
            out.write(schemaId);
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            return this;
        }

        public BinaryEncoder encoder() {
            return encoder;
        }

        /** The record's bytes, header and payload. */
        public byte[] finish() throws IOException {
            encoder.flush();
            final byte[] bytes = out.toByteArray();
            if (bytes.length > KEPT_CAPACITY) {
                out = new ByteArrayOutputStream(1024);
                encoder = null;
            }
            return bytes;
        }
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
