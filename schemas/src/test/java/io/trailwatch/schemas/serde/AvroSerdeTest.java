package io.trailwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import io.trailwatch.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final SerdeContext context = new SerdeContext(registry, true);

    static AuditEvent event() {
        return AuditEvent.newBuilder()
            .setEventID("e-1").setEventTime(Instant.parse("2026-11-21T10:00:00Z"))
            .setEventSource("s3.amazonaws.com").setEventName("DeleteBucket").setAwsRegion("eu-west-1")
            .setSourceIPAddress("203.0.113.7")
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName("bob").build())
            .build();
    }

    @Test
    void writesConfluentWireFormatAndRegistersUnderTheTopicSubject() {
        final byte[] bytes = Topics.AUDIT.valueSerde(context).serializer().serialize(Topics.AUDIT.name(), event());

        assertThat(bytes[0]).isEqualTo((byte) 0);
        final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.schemaById(id)).isEqualTo(AuditEvent.getClassSchema());
        assertThat(registry.idOf("trailwatch.audit-value", AuditEvent.getClassSchema())).isEqualTo(id);
    }

    @Test
    void readsBackWhatItWrote() {
        final var serde = Topics.AUDIT.valueSerde(context);
        final byte[] bytes = serde.serializer().serialize(Topics.AUDIT.name(), event());

        assertThat(serde.deserializer().deserialize(Topics.AUDIT.name(), bytes)).isEqualTo(event());
    }

    @Test
    void oneSerializerWritesEachTopicUnderItsOwnSubjectAndEachRecordWhole() {
        final AvroSerializer<LogEvent> serializer = new AvroSerializer<>(context, false);
        final LogEvent small = new LogEvent("/app/api", "i-1", Instant.parse("2026-11-21T10:00:00Z"), "ERROR boom");
        // larger than the buffer a thread keeps: the next record must not see any of it
        final LogEvent large = new LogEvent("/app/api", "i-1", Instant.parse("2026-11-21T10:00:01Z"),
            "x".repeat(2 << 20));
        final AvroDeserializer<LogEvent> reader = new AvroDeserializer<>(context, LogEvent.class);

        final byte[] first = serializer.serialize("trailwatch.logs", small);
        final byte[] other = serializer.serialize("other.logs", small);
        final byte[] big = serializer.serialize("trailwatch.logs", large);
        final byte[] again = serializer.serialize("trailwatch.logs", small);

        assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(registry.idOf("trailwatch.logs-value",
            LogEvent.getClassSchema()));
        assertThat(ByteBuffer.wrap(other, 1, 4).getInt()).isEqualTo(registry.idOf("other.logs-value",
            LogEvent.getClassSchema()));
        assertThat(reader.deserialize("trailwatch.logs", big)).isEqualTo(large);
        assertThat(again).isEqualTo(first);
        assertThat(reader.deserialize("trailwatch.logs", again)).isEqualTo(small);
    }

    @Test
    void withoutAutoRegisterOnlyLooksTheIdUp() {
        final AvroSerializer<AuditEvent> lookupOnly = new AvroSerializer<>(new SerdeContext(registry, false), false);

        assertThatThrownBy(() -> lookupOnly.serialize(Topics.AUDIT.name(), event()))
            .isInstanceOf(SchemaRegistryException.class);
        new AvroSerializer<AuditEvent>(context, false).serialize(Topics.AUDIT.name(), event());
        assertThat(lookupOnly.serialize(Topics.AUDIT.name(), event())).isNotEmpty();
    }

    @Test
    void readsARecordWrittenWithAnOlderSchemaVersion() throws Exception {
        final Schema old = SchemaBuilder.record("LogEvent").namespace("io.trailwatch.avro").fields()
            .requiredString("logGroup").requiredString("logStream")
            .name("timestamp").type(org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
            .noDefault().requiredString("message").endRecord();
        final GenericRecord record = new GenericData.Record(old);
        record.put("logGroup", "/app/api");
        record.put("logStream", "i-1");
        record.put("timestamp", 1_700_000_000_000L);
        record.put("message", "ERROR boom");
        final int id = registry.register("trailwatch.logs-value", old);

        final LogEvent read = new AvroDeserializer<>(context, LogEvent.class).deserialize("trailwatch.logs", wire(id, old, record));

        assertThat(read.getMessage()).isEqualTo("ERROR boom");
        assertThat(read.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void rejectsGarbageWithAReasonNamingWhatIsWrong() {
        final AvroDeserializer<AuditEvent> deserializer = new AvroDeserializer<>(context, AuditEvent.class);

        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {1, 2, 3, 4, 5, 6}))
            .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte is 1");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0}))
            .isInstanceOf(SerializationException.class).hasMessageContaining("shorter than the 5-byte header");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0, 42, 2, 3}))
            .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema id 42");
    }

    @Test
    void rejectsARecordOfAnotherSchema() {
        final LogEvent log = new LogEvent("/app", "s", Instant.now(), "hello");
        final byte[] bytes = new AvroSerializer<LogEvent>(context, false).serialize(Topics.AUDIT.name(), log);

        assertThatThrownBy(() -> new AvroDeserializer<>(context, AuditEvent.class).deserialize(Topics.AUDIT.name(), bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("io.trailwatch.avro.LogEvent, which cannot be read as io.trailwatch.avro.AuditEvent");
    }

    @Test
    void rejectsTruncatedPayloads() {
        final byte[] bytes = Topics.AUDIT.valueSerde(context).serializer().serialize(Topics.AUDIT.name(), event());
        final byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> Topics.AUDIT.valueSerde(context).deserializer().deserialize(Topics.AUDIT.name(), truncated))
            .isInstanceOf(SerializationException.class).hasMessageContaining("cannot decode");
    }

    private static byte[] wire(final int id, final Schema schema, final GenericRecord record) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
