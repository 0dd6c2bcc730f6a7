package io.trailwatch.processors.common;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Headers of dead-letter records. The names are those Kafka Streams' own dead-letter queue (KIP-1034) writes for
 * records it cannot deserialize, so one consumer of {@code trailwatch.deadletter} reads both kinds alike.
 */
public final class DeadLetters {

    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    private DeadLetters() {
    }

    /** Headers naming where the rejected record came from and why it was rejected. */
    public static Headers headers(final RecordMetadata source, final String errorType, final String reason) {
        final Headers headers = new RecordHeaders();
        headers.add(EXCEPTION, bytes(errorType));
        headers.add(MESSAGE, bytes(reason));
        if (source != null) {
            headers.add(TOPIC, bytes(source.topic()));
            headers.add(PARTITION, bytes(Integer.toString(source.partition())));
            headers.add(OFFSET, bytes(Long.toString(source.offset())));
        }
        return headers;
    }

    private static byte[] bytes(final String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
