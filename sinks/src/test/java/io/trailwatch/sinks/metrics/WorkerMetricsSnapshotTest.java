package io.trailwatch.sinks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/** The snapshot reads metrics as a worker's JmxReporter registers them (domain kafka.connect). */
class WorkerMetricsSnapshotTest {

    @Test
    void numbersAreReadAsTheyAreAndAStatusAsOneMetricPerState() {
        final JmxReporter jmx = new JmxReporter();
        try (Metrics metrics = new Metrics(new MetricConfig(), List.of(jmx), Time.SYSTEM,
            new KafkaMetricsContext(WorkerMetricsSnapshot.DOMAIN))) {
            final Map<String, String> task = Map.of("connector", "archive \"audit\"", "task", "0");
            metrics.addMetric(new MetricName("sink-record-read-total", "sink-task-metrics", "", task),
                (Gauge<Double>) (config, now) -> 42.0);
            metrics.addMetric(new MetricName("status", "connector-task-metrics", "", task),
                (Gauge<String>) (config, now) -> "FAILED");
            metrics.addMetric(new MetricName("connector-class", "connector-metrics", "", Map.of("connector", "a")),
                (Gauge<String>) (config, now) -> "io.trailwatch.Some");

            final List<WorkerMetric> read = new WorkerMetricsSnapshot(ManagementFactory.getPlatformMBeanServer())
                .read();

            assertThat(read).contains(new WorkerMetric("sink-task-metrics", "sink-record-read-total", task, 42.0));
            assertThat(read).filteredOn(metric -> metric.name().equals("status"))
                .hasSize(WorkerMetricsSnapshot.STATES.size())
                .allSatisfy(metric -> assertThat(metric.tags()).containsEntry("connector", "archive \"audit\""))
                .filteredOn(metric -> metric.value() == 1).singleElement()
                .satisfies(metric -> assertThat(metric.tags()).containsEntry("state", "failed"));
            assertThat(read).noneMatch(metric -> metric.name().equals("connector-class")
                || metric.group().equals("app-info"));
        }
    }
}
