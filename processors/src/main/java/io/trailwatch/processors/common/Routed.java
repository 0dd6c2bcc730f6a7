package io.trailwatch.processors.common;

import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.serde.AvroSerializer;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.schemas.serde.StringKeySerde;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A processor output together with the topic it goes to, for processors with several outputs (results, late
 * data, dead letters): one dynamic sink writes each to its topic, Avro-encoded in Confluent wire format.
 */
public record Routed(String topic, SpecificRecord value, String subjectTopic) {

    public Routed {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(subjectTopic, "subjectTopic");
    }

    public static Routed to(final Topic<?, ?> topic, final SpecificRecord value) {
        return new Routed(topic.name(), value, topic.name());
    }

    /**
     * A rejected record for the dead-letter topic. It is encoded under its source topic's subject, where its
     * schema already is, because the dead-letter topic holds records of every type and has no single schema.
     */
    public static Routed deadLetter(final Topic<?, ?> deadLetterTopic, final String sourceTopic,
                                    final SpecificRecord value) {
        return new Routed(deadLetterTopic.name(), value, sourceTopic);
    }

    /** The sink's topic choice. */
    public static <K> TopicNameExtractor<K, Routed> extractor() {
        return (key, routed, context) -> routed.topic();
    }

    /**
     * Serdes of the dynamic sink: keys and values in Confluent wire format, as every Trailwatch topic has them, so a
     * key lands on the partition any other Trailwatch producer (and interactive-query routing) puts it.
     */
    public static Produced<String, Routed> produced(final SerdeContext serdes) {
        final AvroSerializer<SpecificRecord> avro = new AvroSerializer<>(serdes, false);
        final Deserializer<Routed> writeOnly = (topic, data) -> {
            throw new IllegalStateException("Routed values are only written; read " + topic + " with its Topic's serde");
        };
        final Serde<Routed> serde = Serdes.serdeFrom((topic, routed) -> routed == null ? null
            : avro.serialize(routed.subjectTopic(), routed.value()), writeOnly);
        return Produced.with(new StringKeySerde(serdes, true), serde);
    }
}
