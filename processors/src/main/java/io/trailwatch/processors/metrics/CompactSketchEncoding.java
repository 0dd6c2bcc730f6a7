package io.trailwatch.processors.metrics;

import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.encoding.Input;
import com.datadoghq.sketch.ddsketch.store.BinAcceptor;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.io.IOException;

/**
 * State-store encoding of a sketch's bins. The aggregation rewrites an aggregate on every datapoint, so
 * this is built for size and speed: protobuf spends 8 bytes on every bin between the lowest and highest,
 * empty or not (about 1 KB for a minute of 60 latencies), and sketches-java's own encoding, though small,
 * decodes 3 to 5 times slower because it adds bins while the store grows.
 *
 * <pre>
 * count                          zero count
 * varint                         number of non-empty bins, n
 * zigzag varint index, count     highest bin (n >= 1)  } first, so the store sizes its array
 * zigzag varint index, count     lowest bin (n >= 2)   } once while decoding
 * (varint index delta, count)    n - 2 times: the bins in between, ascending
 * </pre>
 *
 * A count is varint(2n) for a whole number n below 2^52, the usual case, else varint(1) and the raw double.
 */
final class CompactSketchEncoding {

    private static final double MAX_WHOLE_COUNT = 0x1p52;

    private CompactSketchEncoding() {
    }

    static void write(final Store bins, final double zeroCount, final GrowingByteArrayOutput out) {
        writeCount(out, zeroCount);
        final Extremes extremes = new Extremes();
        bins.forEach(extremes);
        writeVarint(out, extremes.bins);
        if (extremes.bins == 0) {
            return;
        }
        writeVarint(out, zigZag(extremes.highIndex));
        writeCount(out, extremes.highCount);
        if (extremes.bins == 1) {
            return;
        }
        writeVarint(out, zigZag(extremes.lowIndex));
        writeCount(out, extremes.lowCount);
        bins.forEach(new BinsBetween(out, extremes.lowIndex, extremes.highIndex));
    }

    /** Fills {@code bins} and returns the zero count; IllegalArgumentException for corrupt input. */
    static double read(final Input in, final Store bins) {
        try {
            final double zeroCount = readCount(in);
            final long count = readVarint(in);
            if (count > 0) {
                readBins(in, bins, count);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("bytes left after " + count + " bins");
            }
            return zeroCount;
        } catch (final IOException e) {
            throw new IllegalArgumentException("truncated sketch", e);
        }
    }

    private static void readBins(final Input in, final Store bins, final long count) throws IOException {
        final int high = unZigZag(readVarint(in));
        bins.add(high, readCount(in));
        if (count == 1) {
            return;
        }
        final int low = unZigZag(readVarint(in));
        if (low >= high || count - 2 > (long) high - low - 1) {
            throw new IllegalArgumentException(count + " bins cannot lie between " + low + " and " + high);
        }
        bins.add(low, readCount(in));
        long index = low;
        for (long i = 2; i < count; i++) {
            index += readVarint(in);
            if (index <= low || index >= high) {
                throw new IllegalArgumentException("bin " + index + " is not between " + low + " and " + high);
            }
            bins.add((int) index, readCount(in));
        }
    }

    private static void writeCount(final GrowingByteArrayOutput out, final double count) {
        if (count < MAX_WHOLE_COUNT && count == Math.rint(count)) {
            writeVarint(out, (long) count << 1);
        } else {
            writeVarint(out, 1);
            out.writeLongLE(Double.doubleToRawLongBits(count));
        }
    }

    private static double readCount(final Input in) throws IOException {
        final long header = readVarint(in);
        final double count = (header & 1) == 0 ? (double) (header >>> 1) : Double.longBitsToDouble(in.readLongLE());
        if (!(count >= 0) || Double.isInfinite(count)) {
            throw new IllegalArgumentException("bin count " + count + " is not a finite non-negative number");
        }
        return count;
    }

    private static void writeVarint(final GrowingByteArrayOutput out, final long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((byte) rest);
    }

    private static long readVarint(final Input in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    private static long zigZag(final int index) {
        return Integer.toUnsignedLong((index << 1) ^ (index >> 31));
    }

    private static int unZigZag(final long encoded) {
        if (encoded >>> 32 != 0) {
            throw new IllegalArgumentException("bin index out of range");
        }
        final int n = (int) encoded;
        return (n >>> 1) ^ -(n & 1);
    }

    /** Number, lowest and highest of the non-empty bins, in one pass over the store. */
    private static final class Extremes implements BinAcceptor {
        private long bins;
        private int lowIndex;
        private double lowCount;
        private int highIndex;
        private double highCount;

        @Override
        public void accept(final int index, final double count) {
            if (bins++ == 0) {
                lowIndex = index;
                lowCount = count;
            }
            highIndex = index;
            highCount = count;
        }
    }

    private static final class BinsBetween implements BinAcceptor {
        private final GrowingByteArrayOutput out;
        private final int low;
        private final int high;
        private int previous;

        BinsBetween(final GrowingByteArrayOutput out, final int low, final int high) {
            this.out = out;
            this.low = low;
            this.high = high;
            this.previous = low;
        }

        @Override
        public void accept(final int index, final double count) {
            if (index > low && index < high) {
                writeVarint(out, index - previous);
                writeCount(out, count);
                previous = index;
            }
        }
    }
}
