package io.trailwatch.sinks.archive;

import io.trailwatch.schemas.registry.SchemaRegistryException;
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
        } catch (final SchemaRegistryException e) {
            if (e.httpStatus() == 404 || e.httpStatus() == 422) {
                throw new UnarchivableRecordException(e.getMessage(), e);
            }
            throw e;
        } catch (final SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException registry && registry.httpStatus() != 404) {
                throw registry;
            }
            throw new UnarchivableRecordException(e.getMessage(), e);
        }
    }
}
