package io.trailwatch.processors.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.Input;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * The value distribution behind CloudWatch percentiles: DDSketch's bins for positive values plus a zero
 * count (CloudWatch offers no percentiles once a negative value is seen, so there is no negative half),
 * queried with the nearest-rank convention. The bins and zero count are held directly rather than in a
 * {@link DDSketch} because the state-store encoding needs the exact zero count, which DDSketch hides.
 *
 * <p>Accuracy: a logarithmic mapping with relative accuracy 1% puts every value in a bin whose
 * representative is within 1% of it, so a percentile is within 1% of the true nearest-rank value. The
 * logarithmic mapping rather than the faster interpolated ones keeps bins minimal and the protobuf
 * readable by every DDSketch implementation; indexing is far from the bottleneck either way.
 *
 * <p>Memory: the store collapses its lowest bins once it spans {@value #MAX_BINS} bins, which caps a
 * sketch at 16 KiB of counts in memory. 2048 bins at 1% cover a max/min ratio of about 6e17 (17
 * decades); only data spread wider loses accuracy, and only in its lowest percentiles, which merge into
 * the lowest kept bin. High percentiles, the ones alarms watch, keep the guarantee.
 */
final class PercentileSketch {

    /** Changing this invalidates stored aggregates (the state-store format omits the mapping): bump the serde version. */
    static final double RELATIVE_ACCURACY = 0.01;
    static final int MAX_BINS = 2048;

    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);
    /** Like DDSketch, values the mapping cannot index count as zero; validated values never fall in between. */
    private static final double MIN_INDEXED_VALUE = MAPPING.minIndexableValue();
    /**
     * Percentile bounds such as p99.9 are not exact doubles, so p x count can land a hair above a whole
     * rank it equals; with integer counts and at most 10 decimals a genuine gap is at least 1e-12
     * relative, so this tolerance never swallows one.
     */
    private static final double RANK_TOLERANCE = 1e-14;

    private final Store bins;
    private double zeroCount;

    private PercentileSketch(final Store bins, final double zeroCount) {
        this.bins = bins;
        this.zeroCount = zeroCount;
    }

    static PercentileSketch empty() {
        return new PercentileSketch(newStore(), 0);
    }

    static Store newStore() {
        return new CollapsingLowestDenseStore(MAX_BINS);
    }

    /** Inverse of {@link #toProtobuf()}; IllegalArgumentException if the bytes are not such a sketch. */
    static PercentileSketch fromProtobuf(final ByteBuffer bytes) {
        final DDSketchProtoReader.Decoded decoded = DDSketchProtoReader.read(bytes, MAPPING, PercentileSketch::newStore);
        return new PercentileSketch(decoded.positive(), decoded.zeroCount());
    }

    /** Inverse of {@link #encodeCompact}; IllegalArgumentException if the input is not such a sketch. */
    static PercentileSketch decodeCompact(final Input input) {
        final Store bins = newStore();
        final double zeroCount = CompactSketchEncoding.read(input, bins);
        return new PercentileSketch(bins, zeroCount);
    }

    /** {@code value} must be non-negative and {@code count} positive: the caller enforces CloudWatch's rules. */
    void accept(final double value, final double count) {
        if (value > MIN_INDEXED_VALUE) {
            bins.add(MAPPING.index(value), count);
        } else {
            zeroCount += count;
        }
    }

    void mergeWith(final PercentileSketch other) {
        bins.mergeWith(other.bins);
        zeroCount += other.zeroCount;
    }

    PercentileSketch copy() {
        return new PercentileSketch(bins.copy(), zeroCount);
    }

    /** sketches-java's protobuf encoding of a DDSketch, the format of MetricStatistics.sketch. */
    ByteBuffer toProtobuf() {
        return DDSketch.of(MAPPING, newStore(), bins, zeroCount).serialize();
    }

    /** The state-store encoding, see {@link CompactSketchEncoding}. */
    void encodeCompact(final GrowingByteArrayOutput output) {
        CompactSketchEncoding.write(bins, zeroCount, output);
    }

    /**
     * The nearest-rank percentile: the smallest value v such that at least {@code percentile}% of the
     * weight is at or below v ("p95 means 95 percent of the data is lower than this value"). No
     * interpolation, so the answer is always (within the sketch's accuracy) an observed value. The exact
     * {@code minimum} and {@code maximum} answer p0 and p100 and clamp the rest, which can only move an
     * estimate towards the true value.
     */
    double valueAt(final double percentile, final double minimum, final double maximum) {
        if (percentile <= 0) {
            return minimum;
        }
        if (percentile >= 100) {
            return maximum;
        }
        final double target = percentile * (zeroCount + bins.getTotalCount()) / 100 * (1 - RANK_TOLERANCE);
        double cumulative = zeroCount;
        if (cumulative > 0 && cumulative >= target) {
            return clamp(0, minimum, maximum);
        }
        final Iterator<Bin> ascending = bins.getAscendingIterator();
        while (ascending.hasNext()) {
            final Bin bin = ascending.next();
            cumulative += bin.getCount();
            if (cumulative >= target) {
                return clamp(MAPPING.value(bin.getIndex()), minimum, maximum);
            }
        }
        return maximum;
    }

    private static double clamp(final double value, final double minimum, final double maximum) {
        return Math.min(Math.max(value, minimum), maximum);
    }
}
