package io.trailwatch.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * String keys written as Confluent's Avro serializer writes them (schema {@code "string"}, subject
 * {@code <topic>-key}), so that clients which decode keys and values alike, such as Python's AvroConsumer, read
 * Trailwatch's topics. Reading is lenient: a key that is not in the wire format is taken as plain UTF-8, so records
 * keyed by plain-string producers (kcat, StringSerializer) are accepted, not rejected.
 */
public final class StringKeySerde implements Serde<String> {

    /** The schema of the keys, {@code "string"}. */
    public static final Schema STRING = Schema.create(Schema.Type.STRING);

    private final SerdeContext context;
    private final boolean isKey;
    /** The last topic written and its subject's schema id: a serializer writes to one topic, nearly always. */
    private volatile TopicId last;

    private record TopicId(String topic, int id) {
    }

    public StringKeySerde(final SerdeContext context, final boolean isKey) {
        this.context = context;
        this.isKey = isKey;
    }

    @Override
    public Serializer<String> serializer() {
        return (topic, key) -> {
            if (key == null) {
                return null;
            }
            try {
                final WireFormat.Encoding encoding = WireFormat.encoding(schemaId(topic));
                encoding.encoder().writeString(key);
                return encoding.finish();
            } catch (final IOException e) {
                throw new SerializationException("cannot encode key for " + topic, e);
            }
        };
    }

    private int schemaId(final String topic) {
        final TopicId known = last;
        if (known != null && (known.topic() == topic || known.topic().equals(topic))) {
            return known.id();
        }
        final String subject = Subjects.topicName(topic, isKey);
        final int id = context.autoRegister() ? context.registry().register(subject, STRING)
            : context.registry().idOf(subject, STRING);
        last = new TopicId(topic, id);
        return id;
    }

    @Override
    public Deserializer<String> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length < WireFormat.HEADER_SIZE || data[0] != WireFormat.MAGIC_BYTE) {
                return new String(data, StandardCharsets.UTF_8);
            }
            final ByteBuffer buffer = ByteBuffer.wrap(data);
            final int id = WireFormat.readSchemaId(buffer);
            try {
                if (context.registry().schemaById(id).getType() != Schema.Type.STRING) {
                    throw new SerializationException("key schema id " + id + " is not a string schema");
                }
                final BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, buffer.position(), buffer.remaining(), null);
                final String key = decoder.readString();
                if (!decoder.isEnd()) {
                    throw new SerializationException("key of schema id " + id + " has trailing bytes");
                }
                return key;
            } catch (final IOException e) {
                throw new SerializationException("cannot decode key with schema id " + id + ": " + e.getMessage(), e);
            }
        };
    }
}
