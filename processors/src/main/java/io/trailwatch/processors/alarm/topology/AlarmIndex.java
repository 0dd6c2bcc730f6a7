package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Alarms indexed by the metric and period they watch, so routing a statistic costs one lookup, not a scan. */
final class AlarmIndex {

    private final List<CompiledAlarms.MetricAlarm> source;
    private final Map<String, List<CompiledAlarms.MetricAlarm>> byMetric = new HashMap<>();

    AlarmIndex(final List<CompiledAlarms.MetricAlarm> alarms) {
        this.source = alarms;
        for (final CompiledAlarms.MetricAlarm compiled : alarms) {
            final MetricAlarmDefinition alarm = compiled.definition();
            byMetric.computeIfAbsent(key(alarm.namespace(), alarm.metricName(), new TreeMap<>(alarm.dimensions()),
                alarm.period()), k -> new ArrayList<>()).add(compiled);
        }
    }

    boolean isFor(final List<CompiledAlarms.MetricAlarm> alarms) {
        return source == alarms;
    }

    /** The alarms watching this statistic's metric at its period (and unit, when the alarm names one). */
    List<CompiledAlarms.MetricAlarm> watching(final MetricStatistics statistics) {
        final TreeMap<String, String> dimensions = new TreeMap<>();
        for (final Dimension dimension : statistics.getDimensions()) {
            dimensions.put(dimension.getName(), dimension.getValue());
        }
        final List<CompiledAlarms.MetricAlarm> candidates = byMetric.getOrDefault(key(statistics.getNamespace(),
            statistics.getMetricName(), dimensions, statistics.getPeriodSeconds()), List.of());
        if (candidates.isEmpty()) {
            return candidates;
        }
        final List<CompiledAlarms.MetricAlarm> matching = new ArrayList<>(candidates.size());
        for (final CompiledAlarms.MetricAlarm alarm : candidates) {
            final String unit = alarm.definition().unit();
            if (unit == null || unit.equals(statistics.getUnit())) {
                matching.add(alarm);
            }
        }
        return matching;
    }

    /** What an alarm's datapoints depend on; datapoints computed for another signature are dropped. */
    static String signature(final MetricAlarmDefinition alarm) {
        return key(alarm.namespace(), alarm.metricName(), new TreeMap<>(alarm.dimensions()), alarm.period())
            + '\u0000' + alarm.statisticName() + '\u0000' + alarm.unit();
    }

    private static String key(final String namespace, final String metricName, final TreeMap<String, String> dimensions,
                              final int period) {
        return namespace + '\u0000' + metricName + '\u0000' + dimensions + '\u0000' + period;
    }
}
