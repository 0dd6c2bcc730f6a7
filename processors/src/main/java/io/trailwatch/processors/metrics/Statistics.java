package io.trailwatch.processors.metrics;

import io.trailwatch.avro.MetricStatistics;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch statistic names evaluated on a closed period's statistics. Supported: the five standard
 * statistics and percentiles {@code pNN} / {@code pNN.NNNNNNNNNN} in [p0, p100] with up to 10 decimals.
 * CloudWatch's other extended statistics (tm, wm, tc, ts, PR, IQM) are not supported and count as invalid.
 */
public final class Statistics {

    /** 0 to 99 with up to 10 decimals, or 100 with only zero decimals; no leading zeros, lower-case 'p'. */
    private static final Pattern PERCENTILE = Pattern.compile("p(?:(?:[1-9]?[0-9])(?:\\.[0-9]{1,10})?|100(?:\\.0{1,10})?)");

    private static final Set<String> STANDARD = Set.of("SampleCount", "Sum", "Average", "Minimum", "Maximum");

    private Statistics() {
    }

    /**
     * The value of {@code statistic} on {@code s}: "SampleCount", "Sum", "Average", "Minimum", "Maximum"
     * or a percentile such as "p99.9". Empty for a percentile the period has no sketch for (statistic
     * sets outside CloudWatch's rule, negative values). IllegalArgumentException names an invalid statistic.
     */
    public static OptionalDouble value(final MetricStatistics s, final String statistic) {
        return switch (requireValid(statistic)) {
            case "SampleCount" -> OptionalDouble.of(s.getSampleCount());
            case "Sum" -> OptionalDouble.of(s.getSum());
            case "Average" -> OptionalDouble.of(s.getAverage());
            case "Minimum" -> OptionalDouble.of(s.getMinimum());
            case "Maximum" -> OptionalDouble.of(s.getMaximum());
            default -> s.getSketch() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(PercentileSketch.fromProtobuf(s.getSketch())
                            .valueAt(percentileOf(statistic), s.getMinimum(), s.getMaximum()));
        };
    }

    public static boolean isValidStatistic(final String statistic) {
        return isStandard(statistic) || isExtended(statistic);
    }

    /** True for the percentiles CloudWatch calls extended statistics (GetMetricStatistics' ExtendedStatistics). */
    public static boolean isExtended(final String statistic) {
        return statistic != null && PERCENTILE.matcher(statistic).matches();
    }

    /** The percentile a valid extended statistic names, e.g. 99.9 for "p99.9". */
    public static double percentileOf(final String statistic) {
        if (!isExtended(statistic)) {
            throw new IllegalArgumentException("'" + statistic + "' is not a percentile statistic (p0 to p100)");
        }
        return Double.parseDouble(statistic.substring(1));
    }

    private static boolean isStandard(final String statistic) {
        return statistic != null && STANDARD.contains(statistic);
    }

    private static String requireValid(final String statistic) {
        if (!isValidStatistic(statistic)) {
            throw new IllegalArgumentException("'" + statistic + "' is not a supported CloudWatch statistic: use SampleCount, "
                    + "Sum, Average, Minimum, Maximum or a percentile p0 to p100 with up to 10 decimals");
        }
        return statistic;
    }
}
