package io.trailwatch.processors.metrics;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The numbers CloudWatch takes as metric values, and so as alarm thresholds and metric filters' values: PutMetricData
 * "rejects values that are either too small or too large. Values must be in the range of -2^360 to 2^360. In
 * addition, special values (for example, NaN, +Infinity, -Infinity) are not supported." Non-zero magnitudes start
 * at 2^-360 (as {@code MetricDatumValidator} checks datapoints).
 */
public final class MetricValues {

    static final double MAX_MAGNITUDE = 0x1p360;
    static final double MIN_NONZERO_MAGNITUDE = 0x1p-360;
    /** A decimal number as JSON writes one, with an optional leading + (no hex, no NaN, no Infinity, no d/f suffix). */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private MetricValues() {
    }

    /** Why CloudWatch would not take the value; empty when it would. */
    public static Optional<String> problem(final double value) {
        if (!Double.isFinite(value)) {
            return Optional.of("must be a finite number, was " + value);
        }
        final double magnitude = Math.abs(value);
        if (magnitude > MAX_MAGNITUDE) {
            return Optional.of("must be within -2^360 to 2^360, was " + value);
        }
        if (magnitude != 0 && magnitude < MIN_NONZERO_MAGNITUDE) {
            return Optional.of("must be 0 or of a magnitude of at least 2^-360, was " + value);
        }
        return Optional.empty();
    }

    /** The value of a number written as text (a metric filter's metricValue), or why it is not one CloudWatch takes. */
    public static Optional<String> textProblem(final String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return Optional.of("must be a decimal number or a selector such as $.field or $name, was '" + text + "'");
        }
        return problem(Double.parseDouble(text));
    }
}
