package io.trailwatch.processors.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brute-force model of a period: every (value, weight) kept, statistics computed exactly with
 * BigDecimal. Percentiles use the nearest-rank definition: the smallest value v such that the weight
 * at or below v is at least p% of the total weight.
 */
final class Reference {

    private final List<double[]> points = new ArrayList<>();
    private boolean hasNegative;
    /** Sorted copy of {@code points} and its running weights, built on the first percentile query after a change. */
    private List<double[]> sorted;
    private BigDecimal[] cumulative;

    Reference add(final double value, final double weight) {
        points.add(new double[] {value, weight});
        hasNegative |= value < 0;
        sorted = null;
        return this;
    }

    Reference addAll(final Reference other) {
        other.points.forEach(p -> add(p[0], p[1]));
        return this;
    }

    boolean hasNegative() {
        return hasNegative;
    }

    double sampleCount() {
        return points.stream().map(p -> new BigDecimal(p[1])).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    double sum() {
        return exactSum().doubleValue();
    }

    /** Sum of |value x weight|: the scale floating-point rounding of Sum is relative to. */
    double absoluteSum() {
        return points.stream().mapToDouble(p -> Math.abs(p[0] * p[1])).sum();
    }

    double minimum() {
        return points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
    }

    double maximum() {
        return points.stream().mapToDouble(p -> p[0]).max().orElseThrow();
    }

    double average() {
        return exactSum().divide(new BigDecimal(sampleCount()), MathContext.DECIMAL64).doubleValue();
    }

    /** {@code percentile} as a decimal string ("99.9") so the rank arithmetic is exact. */
    double percentile(final String percentile) {
        if (sorted == null) {
            sort();
        }
        final BigDecimal total = cumulative[cumulative.length - 1];
        final BigDecimal target = new BigDecimal(percentile).multiply(total).divide(BigDecimal.valueOf(100));
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i].compareTo(target) >= 0) {
                return sorted.get(i)[0];
            }
        }
        return sorted.get(sorted.size() - 1)[0];
    }

    private void sort() {
        sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[0]));
        cumulative = new BigDecimal[sorted.size()];
        BigDecimal running = BigDecimal.ZERO;
        for (int i = 0; i < cumulative.length; i++) {
            running = running.add(new BigDecimal(sorted.get(i)[1]));
            cumulative[i] = running;
        }
    }

    private BigDecimal exactSum() {
        return points.stream().map(p -> new BigDecimal(p[0]).multiply(new BigDecimal(p[1])))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
