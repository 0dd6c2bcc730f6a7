package io.trailwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class StringKeySerdeTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final StringKeySerde keys = new StringKeySerde(new SerdeContext(registry, true), true);

    @Test
    void writesKeysAsConfluentAvroStringsUnderTheKeySubject() {
        final byte[] bytes = keys.serializer().serialize("trailwatch.alarms", "S3BucketDeleted");

        assertThat(bytes[0]).isZero();
        final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.schemaById(id)).isEqualTo(Schema.create(Schema.Type.STRING));
        assertThat(registry.idOf("trailwatch.alarms-key", Schema.create(Schema.Type.STRING))).isEqualTo(id);
        // Avro string: zig-zag length 15 -> 30, then the UTF-8 bytes
        assertThat(bytes[5]).isEqualTo((byte) 30);
        assertThat(new String(bytes, 6, bytes.length - 6, StandardCharsets.UTF_8)).isEqualTo("S3BucketDeleted");
    }

    @Test
    void readsBackWhatItWrote() {
        final byte[] bytes = keys.serializer().serialize("t", "köln/α");

        assertThat(keys.deserializer().deserialize("t", bytes)).isEqualTo("köln/α");
    }

    @Test
    void readsPlainStringKeysOfOtherProducersAsTheyAre() {
        assertThat(keys.deserializer().deserialize("t", "e-123".getBytes(StandardCharsets.UTF_8))).isEqualTo("e-123");
        assertThat(keys.deserializer().deserialize("t", "abc".getBytes(StandardCharsets.UTF_8))).isEqualTo("abc");
    }
}
