package io.trailwatch.processors.logs;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The one source of {@code trailwatch.logs} in a topology, which the metric filters and the log store both read: a
 * topic has one source in a topology, or each record would be read once per source.
 */
public final class LogStream {

    private LogStream() {
    }

    /**
     * The key of a group's stream's events on the topic (what PutLogEvents writes): it places all of a stream's
     * events on one partition, so in time order in one task's store, and tells which instance holds them.
     */
    public static String key(final String logGroupName, final String logStreamName) {
        return logGroupName + "/" + logStreamName;
    }

    public static KStream<String, LogEvent> addTo(final StreamsBuilder builder, final SerdeContext serdes) {
        return builder.stream(Topics.LOGS.name(), Consumed.with(Topics.LOGS.keySerde(serdes),
            Topics.LOGS.valueSerde(serdes)).withName("logs-source"));
    }
}
