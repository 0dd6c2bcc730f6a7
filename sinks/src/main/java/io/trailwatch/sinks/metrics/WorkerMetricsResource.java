package io.trailwatch.sinks.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code GET /trailwatch/metrics}: the worker's metrics as JSON, {@link WorkerMetricsSnapshot#read()}. */
@Path("/trailwatch/metrics")
public final class WorkerMetricsResource {

    private final WorkerMetricsSnapshot snapshot;

    WorkerMetricsResource(final WorkerMetricsSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Each metric as {@code {"group":..,"name":..,"tags":{..},"value":..}}. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> metrics() {
        return snapshot.read().stream().map(WorkerMetric::toJson).toList();
    }
}
