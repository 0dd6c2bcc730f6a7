package io.trailwatch.app.selfmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.metrics.MetricDatumValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudWatchExportTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<List<MetricDatum>> published = new ArrayList<>();
    private final CloudWatchExport export = new CloudWatchExport(registry, published::add,
        Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countersGoOutAsWhatTheyCountedThatMinuteWithATotalWithoutDimensions() {
        final Counter invalidLogs = deadLetters("trailwatch.logs", "SerializationException");
        final Counter invalidMetrics = deadLetters("trailwatch.metrics", "InvalidRecordException");
        invalidLogs.increment(2);
        invalidMetrics.increment();

        final List<MetricDatum> first = export.export();
        assertThat(value(first, "DeadLetters", List.of())).isEqualTo(3.0);
        assertThat(value(first, "DeadLetters", List.of(new Dimension("SourceTopic", "trailwatch.logs"),
            new Dimension("Reason", "SerializationException")))).isEqualTo(2.0);

        invalidMetrics.increment();
        final List<MetricDatum> second = export.export();
        assertThat(value(second, "DeadLetters", List.of())).isEqualTo(1.0);
        assertThat(published).containsExactly(first, second);
    }

    @Test
    void aMinuteWithoutDeadLettersSaysZeroSoTheAlarmSeesData() {
        assertThat(value(export.export(), "DeadLetters", List.of())).isZero();
    }

    @Test
    void timersGoOutAsAStatisticSetWithinTheirBucketsAndPassPutMetricDataValidation() {
        final Timer requests = Timer.builder(HttpRequestMetrics.NAME).tags("method", "GET", "route", "/metrics",
            "status", "200").serviceLevelObjectives(HttpRequestMetrics.BUCKETS).register(registry);
        requests.record(Duration.ofMillis(30));
        requests.record(Duration.ofMillis(70));

        final List<MetricDatum> datums = export.export();
        final MetricDatum latency = datums.stream().filter(datum -> datum.getMetricName().equals("Latency")
            && datum.getDimensions().isEmpty()).findFirst().orElseThrow();
        assertThat(latency.getStatisticValues().getSampleCount()).isEqualTo(2.0);
        assertThat(latency.getStatisticValues().getSum()).isEqualTo(100.0);
        assertThat(latency.getStatisticValues().getMinimum()).isEqualTo(25.0);
        assertThat(latency.getStatisticValues().getMaximum()).isEqualTo(100.0);
        assertThat(value(datums, "Requests", List.of(new Dimension("Route", "/metrics"),
            new Dimension("Status", "200")))).isEqualTo(2.0);
        datums.forEach(datum -> MetricDatumValidator.validate(datum, NOW));
        assertThat(export.export()).noneMatch(datum -> datum.getMetricName().equals("Latency"));
    }

    private Counter deadLetters(final String sourceTopic, final String reason) {
        return Counter.builder(TopicOutcomes.DEAD_LETTERS).tags("topic", "trailwatch.deadletter", "source_topic",
            sourceTopic, "reason", reason).register(registry);
    }

    private static double value(final List<MetricDatum> datums, final String metricName,
                                final List<Dimension> dimensions) {
        return datums.stream().filter(datum -> datum.getNamespace().startsWith("Trailwatch/")
                && datum.getMetricName().equals(metricName) && datum.getDimensions().equals(dimensions))
            .findFirst().orElseThrow(() -> new AssertionError(metricName + " " + dimensions + " not in " + datums))
            .getValue();
    }
}
