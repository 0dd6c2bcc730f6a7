package io.trailwatch.processors.metrics.query;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.metrics.MetricAggregate;
import io.trailwatch.processors.metrics.MetricIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetMetricStatistics' answer from stored periods, merged into the period asked for. */
class MetricQueriesRenderTest {

    private static final MetricIdentity CPU = new MetricIdentity("AWS-Like/EC2", "CPUUtilization",
        new java.util.TreeMap<>(Map.of("InstanceId", "i-abc123")), "Percent");

    private static MetricStatistics minute(final Instant start, final double... values) {
        final MetricAggregate aggregate = MetricAggregate.empty();
        for (final double value : values) {
            aggregate.add(MetricDatum.newBuilder().setNamespace(CPU.namespace()).setMetricName(CPU.metricName())
                .setDimensions(List.of(new Dimension("InstanceId", "i-abc123"))).setTimestamp(start)
                .setValue(value).setUnit("Percent").build());
        }
        return aggregate.toStatistics(CPU, start, 60);
    }

    @Test
    void mergesStoredMinutesIntoLongerRequestedPeriods() {
        final StatisticsQuery query = new StatisticsQuery(CPU.namespace(), CPU.metricName(), CPU.dimensions(), null,
            START, START.plusSeconds(240), 120, List.of("SampleCount", "Sum", "Maximum"), List.of("p50"));
        final List<MetricStatistics> stored = List.of(minute(START, 10, 20), minute(START.plusSeconds(60), 30),
            minute(START.plusSeconds(120), 40, 50, 60));

        final JsonNode answer = MetricQueries.render(query, CPU, stored);

        assertThat(answer.path("Label").asText()).isEqualTo("CPUUtilization");
        final JsonNode datapoints = answer.path("Datapoints");
        assertThat(datapoints).hasSize(2);
        assertThat(datapoints.get(0).path("Timestamp").asText()).isEqualTo(START.toString());
        assertThat(datapoints.get(0).path("SampleCount").asDouble()).isEqualTo(3.0);
        assertThat(datapoints.get(0).path("Sum").asDouble()).isEqualTo(60.0);
        assertThat(datapoints.get(0).path("Maximum").asDouble()).isEqualTo(30.0);
        assertThat(datapoints.get(0).path("ExtendedStatistics").path("p50").asDouble()).isCloseTo(20.0,
            org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(datapoints.get(0).has("Average")).isFalse();
        assertThat(datapoints.get(1).path("Timestamp").asText()).isEqualTo(START.plusSeconds(120).toString());
        assertThat(datapoints.get(1).path("Sum").asDouble()).isEqualTo(150.0);
        assertThat(datapoints.get(1).path("Unit").asText()).isEqualTo("Percent");
    }
}
