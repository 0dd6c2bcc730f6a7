package io.trailwatch.processors.alarm.topology;

import java.nio.BufferUnderflowException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serde of an alarm state-store or repartition value in a hand-written binary format (a leading format byte, then
 * the fields in a fixed order), which costs a fraction of Jackson's data binding on every read and write of a
 * transition. Values written before it, as JSON ({@link JsonSerde}: they start with '{'), are still read, so
 * existing stores, changelogs and repartition records need no migration step: each value is rewritten in the binary
 * format the next time it is stored.
 */
final class BinarySerde {

    private static final byte JSON_OBJECT = '{';

    private BinarySerde() {
    }

    /**
     * @param format the leading byte of this type's binary values; never '{'
     */
    static <T> Serde<T> of(final Class<T> type, final byte format, final BiConsumer<T, BinaryOut> writer,
                           final Function<BinaryIn, T> reader) {
        if (format == JSON_OBJECT) {
            throw new IllegalArgumentException("the format byte would read as JSON");
        }
        final Deserializer<T> legacy = JsonSerde.of(type).deserializer();
        return Serdes.serdeFrom(
            (topic, value) -> {
                if (value == null) {
                    return null;
                }
                final BinaryOut out = new BinaryOut(format);
                writer.accept(value, out);
                return out.toBytes();
            },
            (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
                    return legacy.deserialize(topic, bytes);
                }
                if (bytes.length == 0 || bytes[0] != format) {
                    throw new SerializationException("not a " + type.getSimpleName() + " value: format byte "
                        + (bytes.length == 0 ? "missing" : Byte.toString(bytes[0])));
                }
                try {
                    return reader.apply(new BinaryIn(bytes));
                } catch (final BufferUnderflowException | IllegalArgumentException e) {
                    throw new SerializationException("cannot read " + type.getSimpleName(), e);
                }
            });
    }
}
