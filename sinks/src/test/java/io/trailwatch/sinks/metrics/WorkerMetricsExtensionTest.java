package io.trailwatch.sinks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.junit.jupiter.api.Test;

class WorkerMetricsExtensionTest {

    @Test
    void theNameWorkersAreGivenIsTheClassesAndConnectFindsItByItsServiceManifest() {
        assertThat(WorkerMetricsExtension.CLASS_NAME).isEqualTo(WorkerMetricsExtension.class.getName());
        assertThat(ServiceLoader.load(ConnectRestExtension.class).stream().map(ServiceLoader.Provider::type))
            .contains(WorkerMetricsExtension.class);
    }
}
