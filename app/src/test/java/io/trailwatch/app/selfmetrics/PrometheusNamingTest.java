package io.trailwatch.app.selfmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PrometheusNamingTest {

    @Test
    void countingGaugesAreNamedByWhatTheyCount() {
        assertThat(PrometheusNaming.renamed("kafka.consumer.connection.count", true))
            .isEqualTo("kafka.consumer.connections");
        assertThat(PrometheusNaming.renamed("jvm.buffer.count", false)).isEqualTo("jvm.buffer.count");
        assertThat(PrometheusNaming.renamed("trailwatch.dead.letters", true)).isEqualTo("trailwatch.dead.letters");
    }

    @Test
    void timesInNanosecondsOrMillisecondsAreLeftOutAndTheUndescribedGetTheirName() {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new PrometheusNaming());
        Gauge.builder("kafka.producer.io.time.ns.total", () -> 1).register(registry);
        Gauge.builder("kafka.app.info.start.time.ms", () -> 1).register(registry);
        Gauge.builder("kafka.consumer.node.request.latency.avg", () -> 1).register(registry);

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
            .containsExactly("kafka.consumer.node.request.latency.avg");
        assertThat(registry.getMeters().get(0).getId().getDescription())
            .isEqualTo("kafka.consumer.node.request.latency.avg");
    }
}
