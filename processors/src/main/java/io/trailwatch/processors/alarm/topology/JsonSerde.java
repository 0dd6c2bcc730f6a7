package io.trailwatch.processors.alarm.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** JSON serde for internal state-store values, whose changelogs no other program reads. */
final class JsonSerde {

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonSerde() {
    }

    static <T> Serde<T> of(final Class<T> type) {
        return Serdes.serdeFrom(
            (topic, value) -> {
                try {
                    return value == null ? null : MAPPER.writeValueAsBytes(value);
                } catch (final IOException e) {
                    throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
                }
            },
            (topic, bytes) -> {
                try {
                    return bytes == null ? null : MAPPER.readValue(bytes, type);
                } catch (final IOException e) {
                    throw new SerializationException("cannot read " + type.getSimpleName() + " from JSON", e);
                }
            });
    }
}
