package io.trailwatch.app.selfmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateStoreSizesOnlyTest {

    @Test
    void ofTheStateStoresMetricsOnlyTheSizesAreKept() {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new StateStoreSizesOnly());
        for (final String name : List.of("kafka.stream.state.estimate.num.keys",
            "kafka.stream.state.put.latency.avg", "kafka.stream.state.updater.idle.ratio",
            "kafka.stream.task.process.total")) {
            Gauge.builder(name, () -> 1).register(registry);
        }

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).containsExactlyInAnyOrder(
            "kafka.stream.state.estimate.num.keys", "kafka.stream.state.updater.idle.ratio",
            "kafka.stream.task.process.total");
    }
}
