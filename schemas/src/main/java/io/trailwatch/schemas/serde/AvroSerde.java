package io.trailwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Serializer and deserializer of one Avro specific record type in Confluent wire format. */
public final class AvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    public AvroSerde(final SerdeContext context, final Class<T> type, final boolean isKey) {
        super(new AvroSerializer<>(context, isKey), new AvroDeserializer<>(context, type));
    }
}
