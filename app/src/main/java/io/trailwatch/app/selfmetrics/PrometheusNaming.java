package io.trailwatch.app.selfmetrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Holds the metrics Kafka's clients and the JVM binders report to Prometheus' conventions, so that
 * {@code promtool check metrics} finds nothing to say:
 * <ul>
 *   <li>a gauge counting things is named by them ({@code connection.count} becomes {@code connections}): a
 *       {@code _count} suffix is a histogram's;</li>
 *   <li>a metric left undescribed (some of Kafka's) gets its name as help text;</li>
 *   <li>Kafka's times kept in nanoseconds or milliseconds ({@code io-time-ns-total}, {@code txn-commit-time-ns-total},
 *       {@code start-time-ms}), and the JVM's CPU time in nanoseconds, are left out: Prometheus wants seconds, and a filter can rename a meter but not scale
 *       its value. What they say is there in other forms ({@code io_ratio}, {@code io_wait_ratio}, the latencies, {@code process_cpu_usage}).</li>
 * </ul>
 */
final class PrometheusNaming implements MeterFilter {

    private static final Set<String> SCALED_TIME_UNITS = Set.of("ns", "ms");

    @Override
    public MeterFilterReply accept(final Meter.Id id) {
        final boolean scaledTime = words(id.getName()).stream().anyMatch(SCALED_TIME_UNITS::contains)
            || id.getBaseUnit() != null && SCALED_TIME_UNITS.contains(id.getBaseUnit());
        return scaledTime ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(final Meter.Id id) {
        // Prometheus' name ends with the base unit when there is one: only a unitless name ends with _count.
        final String name = renamed(id.getName(), id.getBaseUnit() == null);
        final String description = id.getDescription() == null || id.getDescription().isBlank()
            ? id.getName() : id.getDescription();
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }

    static String renamed(final String name, final boolean unitless) {
        final List<String> words = words(name);
        final int last = words.size() - 1;
        if (unitless && last > 0 && words.get(last).equals("count")) {
            return String.join(".", words.subList(0, last - 1)) + (last > 1 ? "." : "") + words.get(last - 1) + "s";
        }
        return name;
    }

    private static List<String> words(final String name) {
        return Arrays.asList(name.split("\\."));
    }
}
