package io.trailwatch.schemas;

import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.schemas.serde.Subjects;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with its key and value types: the single place a topic's name and encoding are declared.
 *
 * @param name        topic name
 * @param key         key encoding
 * @param value       value encoding
 * @param partitions  partitions to create it with when Trailwatch creates it
 * @param configs     topic-level configs to create it with (cleanup policy, retention)
 */
public record Topic<K, V>(String name, Codec<K> key, Codec<V> value, int partitions, Map<String, String> configs) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        configs = Map.copyOf(configs);
    }

    public Serde<K> keySerde(final SerdeContext context) {
        return key.serde(context, true);
    }

    public Serde<V> valueSerde(final SerdeContext context) {
        return value.serde(context, false);
    }

    /** Subject of the values under Confluent's TopicNameStrategy. */
    public String valueSubject() {
        return Subjects.topicName(name, false);
    }

    @Override
    public String toString() {
        return name;
    }
}
