package io.trailwatch.processors.logs.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.logs.store.LogPosition;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * One matching event on its way to its filter's topic, as CloudWatch Logs' subscription payload: {@code
 * {"messageType":"DATA_MESSAGE","owner","logGroup","logStream","subscriptionFilters":[name],"logEvents":[{"id",
 * "timestamp","message"}]}}, plain JSON text (UTF-8): CloudWatch gzips and base64-encodes it for Kinesis, which a
 * Kafka consumer does not need. One event per record (CloudWatch batches a stream's events; a record per event keeps
 * each delivered exactly once in the transaction that reads it); its id is the eventId FilterLogEvents gives it.
 */
record SubscriptionDelivery(String topic, String json) {

    static SubscriptionDelivery of(final SubscriptionFilterDefinition filter, final String owner,
                                   final LogEvent event, final int partition, final long offset) {
        final long timestamp = event.getTimestamp().toEpochMilli();
        final ObjectNode payload = Definitions.MAPPER.createObjectNode()
            .put("messageType", "DATA_MESSAGE")
            .put("owner", owner)
            .put("logGroup", event.getLogGroup())
            .put("logStream", event.getLogStream());
        payload.putArray("subscriptionFilters").add(filter.filterName());
        payload.putArray("logEvents").addObject()
            .put("id", new LogPosition(timestamp, partition, offset).digits())
            .put("timestamp", timestamp)
            .put("message", event.getMessage());
        return new SubscriptionDelivery(filter.destinationTopic(), payload.toString());
    }

    static TopicNameExtractor<String, SubscriptionDelivery> extractor() {
        return (key, delivery, context) -> delivery.topic();
    }

    static Serde<SubscriptionDelivery> serde() {
        return Serdes.serdeFrom(
            (topic, delivery) -> delivery == null ? null : delivery.json().getBytes(StandardCharsets.UTF_8),
            (topic, bytes) -> bytes == null ? null
                : new SubscriptionDelivery(topic, new String(bytes, StandardCharsets.UTF_8)));
    }
}
