package io.trailwatch.schemas;

import io.trailwatch.schemas.serde.AvroSerde;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.schemas.serde.StringKeySerde;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** How the keys or values of a topic are encoded; makes the serde once a registry is known. */
public interface Codec<T> {

    Serde<T> serde(SerdeContext context, boolean isKey);

    /** Whether the encoding is registered in the schema registry. */
    default boolean usesRegistry() {
        return false;
    }

    /** The schema the serde registers under the topic's subject, if it uses the registry. */
    default Optional<Schema> registeredSchema() {
        return Optional.empty();
    }

    /** Strings as Avro in Confluent wire format, read leniently (see {@link StringKeySerde}). */
    static Codec<String> string() {
        return new Codec<>() {
            @Override
            public Serde<String> serde(final SerdeContext context, final boolean isKey) {
                return new StringKeySerde(context, isKey);
            }

            @Override
            public boolean usesRegistry() {
                return true;
            }

            @Override
            public Optional<Schema> registeredSchema() {
                return Optional.of(StringKeySerde.STRING);
            }
        };
    }

    static Codec<byte[]> bytes() {
        return (context, isKey) -> Serdes.ByteArray();
    }

    static <T extends SpecificRecord> Codec<T> avro(final Class<T> type) {
        return new Codec<>() {
            @Override
            public Serde<T> serde(final SerdeContext context, final boolean isKey) {
                return new AvroSerde<>(context, type, isKey);
            }

            @Override
            public boolean usesRegistry() {
                return true;
            }

            @Override
            public Optional<Schema> registeredSchema() {
                return Optional.of(SpecificData.get().getSchema(type));
            }
        };
    }
}
