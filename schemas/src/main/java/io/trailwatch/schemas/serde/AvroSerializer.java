package io.trailwatch.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent wire format, with subjects by TopicNameStrategy
 * ({@code <topic>-value} or {@code <topic>-key}).
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SerdeContext context;
    private boolean isKey;
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    /**
     * The subject's schema id and the writer of the last topic and schema written. A serializer writes one schema to
     * one topic, nearly always: this spares each record the subject's name, the registry cache's lookup by subject
     * and schema, and the writers' lookup by schema.
     */
    private volatile Resolved<T> last;

    private record Resolved<T>(String topic, Schema schema, int id, DatumWriter<T> writer) {
        boolean writes(final String topic, final Schema schema) {
            return this.schema == schema && (this.topic == topic || this.topic.equals(topic));
        }
    }

    /** For instantiation by class name; {@link #configure} then supplies the registry. */
    public AvroSerializer() {
    }

    public AvroSerializer(final SerdeContext context, final boolean isKey) {
        this.context = context;
        this.isKey = isKey;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.context = SerdeContext.fromConfig(configs);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (context == null) {
            throw new IllegalStateException("AvroSerializer is not configured: set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        final Schema schema = record.getSchema();
        Resolved<T> resolved = last;
        if (resolved == null || !resolved.writes(topic, schema)) {
            resolved = resolve(topic, schema);
            last = resolved;
        }
        try {
            final WireFormat.Encoding encoding = WireFormat.encoding(resolved.id());
            resolved.writer().write(record, encoding.encoder());
            return encoding.finish();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic " + topic
                + ": " + e.getMessage(), e);
        }
    }

    private Resolved<T> resolve(final String topic, final Schema schema) {
        final String subject = Subjects.topicName(topic, isKey);
        final int id = context.autoRegister()
            ? context.registry().register(subject, schema)
            : context.registry().idOf(subject, schema);
        return new Resolved<>(topic, schema, id, writers.computeIfAbsent(schema, SpecificDatumWriter::new));
    }
}
