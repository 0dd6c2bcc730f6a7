package io.trailwatch.sinks.archive;

import io.trailwatch.schemas.serde.AvroDeserializer;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads Confluent-wire-format values with the project's own deserializer, telling bad bytes (the record's fault,
 * for the dead-letter queue) from an unreachable registry (transient, retried).
 */
final class WireFormatValues<T extends SpecificRecord> {

    private final AvroDeserializer<T> deserializer;

    WireFormatValues(final SerdeContext serdes, final Class<T> type) {
        this.deserializer = new AvroDeserializer<>(serdes, type);
    }

    T read(final String topic, final byte[] value) {
        if (value == null) {
            throw new UnarchivableRecordException("value is null (a tombstone): nothing to archive");
        }
        try {
            return deserializer.deserialize(topic, value);
        } catch (final SerializationException e) {
            // Bad bytes, an unknown schema id or another schema. A registry that cannot answer is thrown by the
            // deserializer as SchemaRegistryException and passes through, to be retried.
            throw new UnarchivableRecordException(e.getMessage(), e);
        }
    }
}
