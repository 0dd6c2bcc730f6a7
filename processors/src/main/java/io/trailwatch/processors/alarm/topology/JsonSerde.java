package io.trailwatch.processors.alarm.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serde for internal state-store values, whose changelogs no other program reads: Jackson's model, written as
 * Smile (binary JSON, cheaper to write and read on every evaluation); values written as JSON text by earlier
 * versions are still read.
 */
final class JsonSerde {

    /** Every Smile document starts with this header, which JSON text cannot: ":)\n". */
    private static final byte SMILE_FIRST_BYTE = ':';

    private static final ObjectMapper SMILE = SmileMapper.builder()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

    private JsonSerde() {
    }

    static <T> Serde<T> of(final Class<T> type) {
        return Serdes.serdeFrom(
            (topic, value) -> {
                try {
                    return value == null ? null : SMILE.writeValueAsBytes(value);
                } catch (final IOException e) {
                    throw new SerializationException("cannot write " + type.getSimpleName() + " as Smile", e);
                }
            },
            (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                try {
                    return (bytes.length > 0 && bytes[0] == SMILE_FIRST_BYTE ? SMILE : JSON).readValue(bytes, type);
                } catch (final IOException e) {
                    throw new SerializationException("cannot read " + type.getSimpleName() + " from Smile or JSON", e);
                }
            });
    }
}
