package io.trailwatch.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Writes JSON values one after another through one generator into one reused buffer: a caller that writes many
 * (a page of fifty events) would otherwise pay for a new generator and its buffers per value, about as much as
 * writing the value. One caller at a time; after a write fails, the buffer is unusable.
 */
public final class JsonValueBuffer implements Closeable {

    /** What writes one value to the generator it is given. */
    @FunctionalInterface
    public interface Value {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private final Bytes out = new Bytes();
    private final JsonGenerator json;

    public JsonValueBuffer(final JsonFactory factory) {
        try {
            json = factory.createGenerator(out);
        } catch (final IOException e) {
            throw new UncheckedIOException("creating a JSON generator over memory", e);
        }
        // Each value is a root value of its own, taken out of the buffer before the next is written.
        json.setRootValueSeparator(null);
    }

    /** The value as UTF-8 JSON text. */
    public byte[] toBytes(final Value value) throws IOException {
        write(value);
        return Arrays.copyOf(out.bytes(), out.size());
    }

    /** Writes the value's text, escaped, as a string value of {@code target} (JSON held in a JSON string). */
    public void writeAsString(final Value value, final JsonGenerator target) throws IOException {
        write(value);
        target.writeUTF8String(out.bytes(), 0, out.size());
    }

    private void write(final Value value) throws IOException {
        out.reset();
        value.writeTo(json);
        json.flush();
    }

    /** Releases the generator's buffers to Jackson's pool. */
    @Override
    public void close() throws IOException {
        json.close();
    }

    /** A byte buffer whose bytes are read in place, not copied out. */
    private static final class Bytes extends ByteArrayOutputStream {

        Bytes() {
            super(2_048);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
