package io.trailwatch.sinks.metrics;

import io.trailwatch.sinks.archive.ArchiveSinkConnector;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * Serves the worker's own metrics at {@code GET /trailwatch/metrics} on Connect's REST API
 * ({@code rest.extension.classes}), behind whatever authenticates that API (the local worker's HTTP Basic
 * extension): Trailwatch's main process reads them there, so they need no port or reporter of their own.
 */
public final class WorkerMetricsExtension implements ConnectRestExtension {

    /**
     * This class's name, for a worker's {@code rest.extension.classes}: a constant, so that naming it does not load
     * the class (whose Connect interfaces exist in the worker's JVM only).
     */
    public static final String CLASS_NAME = "io.trailwatch.sinks.metrics.WorkerMetricsExtension";

    @Override
    public void register(final ConnectRestExtensionContext context) {
        context.configurable().register(new WorkerMetricsResource(WorkerMetricsSnapshot.platform()));
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        // nothing to configure: the metrics are the worker's, as it registers them in JMX
    }

    @Override
    public String version() {
        return ArchiveSinkConnector.VERSION;
    }

    @Override
    public void close() {
        // nothing held
    }
}
