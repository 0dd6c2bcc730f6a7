package io.trailwatch.schemas.serde;

import io.trailwatch.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into specific records. The writer's schema comes from the registry
 * by id and is resolved against the reader's (the generated class's) schema, so records written with
 * an older or newer compatible schema are read without a redeploy.
 *
 * <p>Every failure is a {@link SerializationException} whose message says what was wrong with the bytes:
 * Kafka Streams' dead-letter handling puts that message in the record's headers.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SerdeContext context;
    private Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    /** For instantiation by class name: reads into the generated class named by the writer schema. */
    public AvroDeserializer() {
    }

    public AvroDeserializer(final SerdeContext context, final Class<T> type) {
        this.context = context;
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.context = SerdeContext.fromConfig(configs);
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (context == null) {
            throw new IllegalStateException("AvroDeserializer is not configured: set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(data);
        final int id = WireFormat.readSchemaId(buffer);
        final DatumReader<T> reader = readersByWriterId.computeIfAbsent(id, this::readerFor);
        final BinaryDecoder decoder = DecoderFactory.get()
            .binaryDecoder(data, buffer.position(), buffer.remaining(), null);
        try {
            final T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("payload of schema id " + id + " has trailing bytes after the record");
            }
            return record;
        } catch (final IOException | RuntimeException e) {
            if (e instanceof SerializationException serializationException) {
                throw serializationException;
            }
            throw new SerializationException("cannot decode payload with writer schema id " + id + ": " + e, e);
        }
    }

    private DatumReader<T> readerFor(final int id) {
        final Schema writer;
        try {
            writer = context.registry().schemaById(id);
        } catch (final SchemaRegistryException e) {
            // No such id (404), or an id the registry cannot serve (422): the record's fault. Anything else is the
            // registry failing, thrown as it is so that callers can retry.
            if (e.httpStatus() == 404 || e.httpStatus() == 422) {
                throw new SerializationException("unknown schema id " + id + ": the registry has no such schema", e);
            }
            throw e;
        }
        final Schema reader = readerSchema != null ? readerSchema : specificSchemaOrWriter(writer);
        if (!reader.getFullName().equals(writer.getFullName())) {
            throw new SerializationException("schema id " + id + " is " + writer.getFullName()
                + ", which cannot be read as " + reader.getFullName());
        }
        try {
            return new SpecificDatumReader<>(writer, reader);
        } catch (final AvroTypeException e) {
            throw new SerializationException("schema id " + id + " is not compatible with " + reader.getFullName()
                + ": " + e.getMessage(), e);
        }
    }

    private static Schema specificSchemaOrWriter(final Schema writer) {
        final Class<?> type = SpecificData.get().getClass(writer);
        return type == null ? writer : SpecificData.get().getSchema(type);
    }
}
