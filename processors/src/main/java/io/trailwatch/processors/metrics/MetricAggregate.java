package io.trailwatch.processors.metrics;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.avro.StatisticSet;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Mutable accumulator of one metric over one period: exact SampleCount, Sum, Minimum and Maximum, plus a
 * percentile sketch while CloudWatch's rules still allow percentiles. Merging is associative and
 * commutative (up to floating-point rounding of Sum), so periods roll up 60 s -> 300 s -> 3600 s.
 *
 * <p>{@link #add} runs once per datapoint and allocates only when a value widens the sketch's bin range
 * (at most {@value PercentileSketch#MAX_BINS} bins). It trusts its input: run
 * {@link MetricDatumValidator} first. Not thread-safe, like any state-store value.
 */
public final class MetricAggregate {

    private double sampleCount;
    private double sum;
    private double minimum = Double.POSITIVE_INFINITY;
    private double maximum = Double.NEGATIVE_INFINITY;
    /** Null until the first value, and again for good once percentiles are ruled out. */
    private PercentileSketch sketch;
    /**
     * Separate from {@code sketch == null} because "no data yet" merges into anything, while "ruled out"
     * must stick through every later add and merge.
     */
    private boolean percentilesRuledOut;

    private MetricAggregate() {
    }

    public static MetricAggregate empty() {
        return new MetricAggregate();
    }

    /** Rebuilds an aggregate from its parts; for the serde and {@link #fromStatistics}. */
    static MetricAggregate restore(final double sampleCount, final double sum, final double minimum,
                                   final double maximum, final boolean percentilesRuledOut,
                                   final PercentileSketch sketch) {
        final MetricAggregate aggregate = new MetricAggregate();
        aggregate.sampleCount = sampleCount;
        aggregate.sum = sum;
        aggregate.minimum = minimum;
        aggregate.maximum = maximum;
        aggregate.percentilesRuledOut = percentilesRuledOut;
        aggregate.sketch = percentilesRuledOut ? null : sketch;
        return aggregate;
    }

    /** Adds a single value, a statistic set, or Values weighted by Counts (each count defaulting to 1). */
    public MetricAggregate add(final MetricDatum d) {
        final Double value = d.getValue();
        final StatisticSet statisticValues = d.getStatisticValues();
        final List<Double> values = d.getValues();
        if (value != null) {
            addValue(value, 1);
        } else if (statisticValues != null) {
            addStatisticSet(statisticValues);
        } else if (values != null) {
            addValues(values, d.getCounts());
        } else {
            throw new IllegalArgumentException("datum has none of Value, StatisticValues or Values");
        }
        return this;
    }

    /** Folds {@code other} into this aggregate; {@code other} is left unchanged. */
    public MetricAggregate merge(final MetricAggregate other) {
        sampleCount += other.sampleCount;
        sum += other.sum;
        extendRange(other.minimum, other.maximum);
        if (other.percentilesRuledOut) {
            ruleOutPercentiles();
        } else if (other.sketch != null && !percentilesRuledOut) {
            if (sketch == null) {
                sketch = other.sketch.copy();
            } else {
                sketch.mergeWith(other.sketch);
            }
        }
        return this;
    }

    public boolean isEmpty() {
        return sampleCount == 0;
    }

    public double sampleCount() {
        return sampleCount;
    }

    public double sum() {
        return sum;
    }

    /** NaN when empty. */
    public double minimum() {
        return isEmpty() ? Double.NaN : minimum;
    }

    /** NaN when empty. */
    public double maximum() {
        return isEmpty() ? Double.NaN : maximum;
    }

    /** Sum / SampleCount; NaN when empty. */
    public double average() {
        return isEmpty() ? Double.NaN : sum / sampleCount;
    }

    /**
     * CloudWatch's rule: percentiles need raw values. A statistic set counts as raw only if it stands for
     * SampleCount copies of one value; any other set, or any negative value, rules percentiles out for
     * the whole period and every rollup containing it. False when empty.
     */
    public boolean percentilesAvailable() {
        return sketch != null;
    }

    /**
     * The nearest-rank percentile {@code p} in [0, 100] (p0 = Minimum, p100 = Maximum), within 1% of the
     * true value; empty when percentiles are unavailable.
     */
    public OptionalDouble percentile(final double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within [0, 100], got " + p);
        }
        return sketch == null ? OptionalDouble.empty() : OptionalDouble.of(sketch.valueAt(p, minimum, maximum));
    }

    /** The statistics of this period as published on the metric-stats topic. */
    public MetricStatistics toStatistics(final MetricIdentity id, final Instant periodStart, final int periodSeconds) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(periodStart, "periodStart");
        if (isEmpty()) {
            throw new IllegalStateException("an empty aggregate has no statistics; CloudWatch reports no datapoint");
        }
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("periodSeconds must be positive, got " + periodSeconds);
        }
        return MetricStatistics.newBuilder()
                .setNamespace(id.namespace())
                .setMetricName(id.metricName())
                .setDimensions(id.avroDimensions())
                .setUnit(id.unit())
                .setPeriodStart(periodStart)
                .setPeriodSeconds(periodSeconds)
                .setSampleCount(sampleCount)
                .setSum(sum)
                .setMinimum(minimum)
                .setMaximum(maximum)
                .setAverage(average())
                .setSketch(sketch == null ? null : sketch.toProtobuf())
                .build();
    }

    /** Inverse of {@link #toStatistics}: an aggregate that merges into longer periods. */
    public static MetricAggregate fromStatistics(final MetricStatistics s) {
        final ByteBuffer bytes = s.getSketch();
        return restore(s.getSampleCount(), s.getSum(), s.getMinimum(), s.getMaximum(), bytes == null,
                bytes == null ? null : PercentileSketch.fromProtobuf(bytes));
    }

    boolean percentilesRuledOut() {
        return percentilesRuledOut;
    }

    PercentileSketch sketch() {
        return sketch;
    }

    /** Minimum as stored (+infinity when empty), so the serde round-trips the empty state exactly. */
    double rawMinimum() {
        return minimum;
    }

    /** Maximum as stored (-infinity when empty). */
    double rawMaximum() {
        return maximum;
    }

    @Override
    public String toString() {
        return "MetricAggregate[sampleCount=" + sampleCount + ", sum=" + sum + ", minimum=" + minimum()
                + ", maximum=" + maximum() + ", percentiles=" + (percentilesAvailable() ? "available"
                : percentilesRuledOut ? "ruled out" : "no data") + "]";
    }

    private void addValues(final List<Double> values, final List<Double> counts) {
        for (int i = 0; i < values.size(); i++) {
            addValue(values.get(i), counts == null ? 1 : counts.get(i));
        }
    }

    private void addValue(final double value, final double count) {
        sampleCount += count;
        sum += value * count;
        extendRange(value, value);
        feedSketch(value, count);
    }

    private void addStatisticSet(final StatisticSet s) {
        sampleCount += s.getSampleCount();
        sum += s.getSum();
        extendRange(s.getMinimum(), s.getMaximum());
        if (StatisticSets.representsRawValues(s)) {
            feedSketch(s.getMinimum(), s.getSampleCount());
        } else {
            ruleOutPercentiles();
        }
    }

    private void extendRange(final double low, final double high) {
        if (low < minimum) {
            minimum = low;
        }
        if (high > maximum) {
            maximum = high;
        }
    }

    private void feedSketch(final double value, final double count) {
        if (percentilesRuledOut) {
            return;
        }
        if (value < 0) {
            ruleOutPercentiles();
            return;
        }
        if (sketch == null) {
            sketch = PercentileSketch.empty();
        }
        sketch.accept(value, count);
    }

    private void ruleOutPercentiles() {
        percentilesRuledOut = true;
        sketch = null;
    }
}
