package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How the events store keeps an event: exactly as the audit topic carries it (Confluent wire format under the
 * topic's subject), so the registry's schema id travels with it and stored events stay readable as the schema
 * evolves.
 */
public final class EventCodec {

    private final Serializer<AuditEvent> serializer;
    private final Deserializer<AuditEvent> deserializer;

    public EventCodec(final SerdeContext serdes) {
        final Serde<AuditEvent> serde = Topics.AUDIT.valueSerde(serdes);
        this.serializer = serde.serializer();
        this.deserializer = serde.deserializer();
    }

    public byte[] encode(final AuditEvent event) {
        return serializer.serialize(Topics.AUDIT.name(), event);
    }

    public AuditEvent decode(final byte[] stored) {
        return deserializer.deserialize(Topics.AUDIT.name(), stored);
    }
}
