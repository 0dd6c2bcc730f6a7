package io.trailwatch.sinks.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the Connect worker's metrics as Kafka names it, with a number for its value.
 *
 * @param group Kafka's metric group ({@code sink-task-metrics}, {@code plugins}, ...)
 * @param name  the metric's name in it ({@code sink-record-read-total})
 * @param tags  its tags, in Kafka's order ({@code connector}, {@code task}, ...)
 */
public record WorkerMetric(String group, String name, Map<String, String> tags, double value) {

    public WorkerMetric {
        tags = new LinkedHashMap<>(tags);
    }

    Map<String, Object> toJson() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", group);
        json.put("name", name);
        json.put("tags", tags);
        json.put("value", value);
        return json;
    }
}
