package io.trailwatch.processors.common;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Counters of records a processor could not use. They are Kafka Streams task metrics (rate and total, JMX group
 * {@code stream-trailwatch-metrics}), so they are exported with everything else the application reports.
 */
public final class Counters {

    public static final String SCOPE = "trailwatch";

    private Counters() {
    }

    public static Sensor sensor(final ProcessingContext context, final String entity, final String operation) {
        return context.metrics().addRateTotalSensor(SCOPE, entity + "-" + context.taskId(), operation,
            Sensor.RecordingLevel.INFO);
    }
}
