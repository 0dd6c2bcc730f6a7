package io.trailwatch.processors.metrics;

import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * State-store encoding of a {@link MetricAggregate}, exact in both directions:
 *
 * <pre>
 * byte    format version (1)
 * byte    flags: 1 = percentiles ruled out, 2 = sketch follows
 * double  SampleCount, Sum, Minimum, Maximum (little-endian; +/-infinity extremes when empty)
 * bytes   the sketch's bins in {@link CompactSketchEncoding}, to the end (flag 2 only)
 * </pre>
 *
 * Not protobuf, unlike MetricStatistics.sketch: the aggregation reads and rewrites an aggregate for every
 * datapoint and period, so size and speed matter more here than interoperability. The index mapping is
 * not stored: it is fixed by {@link PercentileSketch}, and changing it means a new format version.
 */
public final class MetricAggregateSerde implements Serde<MetricAggregate> {

    static final byte VERSION = 1;
    static final int HEADER_BYTES = 2 + 4 * Double.BYTES;
    private static final byte RULED_OUT = 1;
    private static final byte HAS_SKETCH = 2;
    /** Enough for a typical sketch, so most encodings never regrow the buffer. */
    private static final int INITIAL_CAPACITY = 512;

    private static final Serializer<MetricAggregate> SERIALIZER = MetricAggregateSerde::encode;
    private static final Deserializer<MetricAggregate> DESERIALIZER = MetricAggregateSerde::decode;

    @Override
    public Serializer<MetricAggregate> serializer() {
        return SERIALIZER;
    }

    @Override
    public Deserializer<MetricAggregate> deserializer() {
        return DESERIALIZER;
    }

    private static byte[] encode(final String topic, final MetricAggregate aggregate) {
        if (aggregate == null) {
            return null;
        }
        final PercentileSketch sketch = aggregate.sketch();
        final GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(INITIAL_CAPACITY);
        out.writeByte(VERSION);
        out.writeByte((byte) ((aggregate.percentilesRuledOut() ? RULED_OUT : 0) | (sketch != null ? HAS_SKETCH : 0)));
        out.writeLongLE(Double.doubleToRawLongBits(aggregate.sampleCount()));
        out.writeLongLE(Double.doubleToRawLongBits(aggregate.sum()));
        out.writeLongLE(Double.doubleToRawLongBits(aggregate.rawMinimum()));
        out.writeLongLE(Double.doubleToRawLongBits(aggregate.rawMaximum()));
        if (sketch != null) {
            sketch.encodeCompact(out);
        }
        return out.trimmedCopy();
    }

    private static MetricAggregate decode(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < HEADER_BYTES) {
            throw new SerializationException("metric aggregate needs at least " + HEADER_BYTES + " bytes, got " + bytes.length);
        }
        final ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        final byte version = header.get();
        if (version != VERSION) {
            throw new SerializationException("unknown metric aggregate format version " + version);
        }
        final byte flags = header.get();
        final double sampleCount = header.getDouble();
        final double sum = header.getDouble();
        final double minimum = header.getDouble();
        final double maximum = header.getDouble();
        final PercentileSketch sketch;
        try {
            sketch = (flags & HAS_SKETCH) == 0 ? null
                    : PercentileSketch.decodeCompact(ByteArrayInput.wrap(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES));
        } catch (final IllegalArgumentException e) {
            throw new SerializationException("corrupt sketch in metric aggregate", e);
        }
        return MetricAggregate.restore(sampleCount, sum, minimum, maximum, (flags & RULED_OUT) != 0, sketch);
    }
}
