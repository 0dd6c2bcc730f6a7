package io.trailwatch.sinks;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every Trailwatch sink connector's configuration starts with, as Connect's REST API and workers take it. */
public final class SinkConnectorConfig {

    private static final String BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private SinkConnectorConfig() {
    }

    /**
     * A sink of {@code topic} whose records are decoded by Trailwatch's serde, whatever converters the worker
     * defaults to, and whose bad records go to {@code deadLetterTopic} with the reason in Connect's headers.
     */
    public static Map<String, String> of(final String name, final String connectorClass, final int tasks,
                                         final String topic, final String deadLetterTopic) {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("connector.class", connectorClass);
        config.put("tasks.max", String.valueOf(tasks));
        config.put("topics", topic);
        config.put("key.converter", BYTES);
        config.put("value.converter", BYTES);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetterTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }
}
