package io.trailwatch.processors.alarm;

/**
 * The static-threshold comparison operators of PutMetricAlarm. The statistic value is the first operand, as the
 * API reference states; the anomaly-detection operators are not offered because Trailwatch has no band models.
 */
public enum ComparisonOperator {
    GreaterThanOrEqualToThreshold("greater than or equal to"),
    GreaterThanThreshold("greater than"),
    LessThanThreshold("less than"),
    LessThanOrEqualToThreshold("less than or equal to");

    private final String phrase;

    ComparisonOperator(final String phrase) {
        this.phrase = phrase;
    }

    /** Whether a datapoint with this value is on the wrong side of the threshold. */
    public boolean breaches(final double value, final double threshold) {
        return switch (this) {
            case GreaterThanOrEqualToThreshold -> value >= threshold;
            case GreaterThanThreshold -> value > threshold;
            case LessThanThreshold -> value < threshold;
            case LessThanOrEqualToThreshold -> value <= threshold;
        };
    }

    /** The words CloudWatch puts between "was" and "the threshold" in a StateReason. */
    public String phrase() {
        return phrase;
    }
}
