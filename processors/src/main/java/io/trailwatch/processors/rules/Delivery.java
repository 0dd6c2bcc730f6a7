package io.trailwatch.processors.rules;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * One matched event on its way to the topic of the rule that matched it; written as the envelope's JSON text
 * (UTF-8), so that a consumer in any language reads it without a schema.
 */
record Delivery(String topic, String envelopeJson) {

    static final String RULE_HEADER = "trailwatch.rule";

    static TopicNameExtractor<String, Delivery> extractor() {
        return (key, delivery, context) -> delivery.topic();
    }

    static Serde<Delivery> serde() {
        return Serdes.serdeFrom(
            (topic, delivery) -> delivery == null ? null : delivery.envelopeJson().getBytes(StandardCharsets.UTF_8),
            (topic, bytes) -> bytes == null ? null : new Delivery(topic, new String(bytes, StandardCharsets.UTF_8)));
    }
}
