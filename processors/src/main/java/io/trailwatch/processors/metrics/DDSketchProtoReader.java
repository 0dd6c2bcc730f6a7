package io.trailwatch.processors.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Reads the protobuf encoding that {@link DDSketch#serialize()} writes (sketches-java's DDSketch.proto).
 * sketches-java can only parse it through protobuf-java, an optional dependency the processors do not
 * ship, and the message is small enough to read by hand:
 *
 * <pre>
 * DDSketch     { IndexMapping mapping = 1; Store positiveValues = 2; Store negativeValues = 3; double zeroCount = 4; }
 * IndexMapping { double gamma = 1; double indexOffset = 2; Interpolation interpolation = 3; }
 * Store        { map&lt;sint32, double&gt; binCounts = 1; repeated double contiguousBinCounts = 2 [packed];
 *                sint32 contiguousBinIndexOffset = 3; }
 * </pre>
 */
final class DDSketchProtoReader {

    private static final int VARINT = 0;
    private static final int FIXED_64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED_32 = 5;
    private static final int NO_INTERPOLATION = 0;

    private DDSketchProtoReader() {
    }

    /** The positive half of a sketch and its zero count; the only halves CloudWatch percentiles need. */
    record Decoded(Store positive, double zeroCount) {
    }

    /**
     * Rebuilds the sketch into stores from {@code stores}; throws IllegalArgumentException when the bytes
     * are not a DDSketch message, were written with a mapping other than {@code expectedMapping}
     * (sketches with different mappings cannot be merged) or hold negative values.
     */
    static Decoded read(final ByteBuffer bytes, final IndexMapping expectedMapping, final Supplier<Store> stores) {
        try {
            final ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            IndexMapping mapping = null;
            final Store positive = stores.get();
            final Store negative = stores.get();
            double zeroCount = 0;
            while (in.hasRemaining()) {
                final long tag = readVarint(in);
                final int wireType = (int) (tag & 7);
                switch ((int) (tag >>> 3)) {
                    case 1 -> mapping = readMapping(embedded(in, wireType));
                    case 2 -> readStore(embedded(in, wireType), positive);
                    case 3 -> readStore(embedded(in, wireType), negative);
                    case 4 -> zeroCount = readCount(in, wireType);
                    default -> skip(in, wireType);
                }
            }
            if (!expectedMapping.equals(mapping)) {
                throw new IllegalArgumentException("sketch was written with index mapping " + mapping
                        + ", which cannot merge with " + expectedMapping);
            }
            if (!negative.isEmpty()) {
                throw new IllegalArgumentException("sketch holds negative values, for which CloudWatch offers no percentiles");
            }
            return new Decoded(positive, zeroCount);
        } catch (final BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated DDSketch protobuf", e);
        }
    }

    private static IndexMapping readMapping(final ByteBuffer in) {
        double gamma = 0;
        double indexOffset = 0;
        long interpolation = NO_INTERPOLATION;
        while (in.hasRemaining()) {
            final long tag = readVarint(in);
            final int wireType = (int) (tag & 7);
            switch ((int) (tag >>> 3)) {
                case 1 -> gamma = readDouble(in, wireType);
                case 2 -> indexOffset = readDouble(in, wireType);
                case 3 -> {
                    expect(wireType, VARINT);
                    interpolation = readVarint(in);
                }
                default -> skip(in, wireType);
            }
        }
        if (interpolation != NO_INTERPOLATION) {
            throw new IllegalArgumentException("sketch uses an interpolated index mapping (" + interpolation
                    + "); only the logarithmic mapping is read");
        }
        return new LogarithmicMapping(gamma, indexOffset);
    }

    private static void readStore(final ByteBuffer in, final Store store) {
        double[] contiguous = new double[0];
        int contiguousLength = 0;
        int contiguousOffset = 0;
        while (in.hasRemaining()) {
            final long tag = readVarint(in);
            final int wireType = (int) (tag & 7);
            switch ((int) (tag >>> 3)) {
                case 1 -> readBin(embedded(in, wireType), store);
                case 2 -> {
                    // proto3 writers pack repeated doubles, but parsers must accept the unpacked form too.
                    final int added;
                    if (wireType == LENGTH_DELIMITED) {
                        added = packedLength(in);
                    } else {
                        expect(wireType, FIXED_64);
                        added = 1;
                    }
                    if (contiguousLength + added > contiguous.length) {
                        contiguous = Arrays.copyOf(contiguous, Math.max(contiguousLength + added, 2 * contiguous.length));
                    }
                    for (int i = 0; i < added; i++) {
                        contiguous[contiguousLength++] = readCount(in, FIXED_64);
                    }
                }
                case 3 -> {
                    expect(wireType, VARINT);
                    contiguousOffset = zigZagDecode(readVarint(in));
                }
                default -> skip(in, wireType);
            }
        }
        addContiguous(store, contiguous, contiguousLength, contiguousOffset);
    }

    /**
     * Adds the highest and lowest bins first so the store sizes its array once instead of growing it
     * bin by bin.
     */
    private static void addContiguous(final Store store, final double[] counts, final int length, final int offset) {
        if (length == 0) {
            return;
        }
        store.add(offset + length - 1, counts[length - 1]);
        if (length == 1) {
            return;
        }
        store.add(offset, counts[0]);
        for (int i = 1; i < length - 1; i++) {
            store.add(offset + i, counts[i]);
        }
    }

    private static void readBin(final ByteBuffer in, final Store store) {
        int index = 0;
        double count = 0;
        while (in.hasRemaining()) {
            final long tag = readVarint(in);
            final int wireType = (int) (tag & 7);
            switch ((int) (tag >>> 3)) {
                case 1 -> {
                    expect(wireType, VARINT);
                    index = zigZagDecode(readVarint(in));
                }
                case 2 -> count = readCount(in, wireType);
                default -> skip(in, wireType);
            }
        }
        store.add(index, count);
    }

    private static int packedLength(final ByteBuffer in) {
        final long bytes = readVarint(in);
        if (bytes % Double.BYTES != 0 || bytes > in.remaining()) {
            throw new IllegalArgumentException("packed doubles of " + bytes + " bytes in a " + in.remaining() + "-byte store");
        }
        return (int) (bytes / Double.BYTES);
    }

    private static ByteBuffer embedded(final ByteBuffer in, final int wireType) {
        expect(wireType, LENGTH_DELIMITED);
        final long length = readVarint(in);
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("embedded message of " + length + " bytes, " + in.remaining() + " left");
        }
        final ByteBuffer message = in.slice().limit((int) length).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + (int) length);
        return message;
    }

    private static double readCount(final ByteBuffer in, final int wireType) {
        final double count = readDouble(in, wireType);
        if (!(count >= 0) || Double.isInfinite(count)) {
            throw new IllegalArgumentException("bin count " + count + " is not a finite non-negative number");
        }
        return count;
    }

    private static double readDouble(final ByteBuffer in, final int wireType) {
        expect(wireType, FIXED_64);
        return in.getDouble();
    }

    private static long readVarint(final ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    private static int zigZagDecode(final long encoded) {
        final int n = (int) encoded;
        return (n >>> 1) ^ -(n & 1);
    }

    private static void skip(final ByteBuffer in, final int wireType) {
        switch (wireType) {
            case VARINT -> readVarint(in);
            case FIXED_64 -> in.position(in.position() + Long.BYTES);
            case LENGTH_DELIMITED -> embedded(in, wireType);
            case FIXED_32 -> in.position(in.position() + Integer.BYTES);
            default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
        }
    }

    private static void expect(final int wireType, final int expected) {
        if (wireType != expected) {
            throw new IllegalArgumentException("protobuf wire type " + wireType + " where " + expected + " was expected");
        }
    }
}
