package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * How the events store keeps an event: exactly as the audit topic carried it (Confluent wire format under the
 * topic's subject, see {@link io.trailwatch.processors.audit.AuditRecord#wire()}), so the registry's schema id
 * travels with it and stored events stay readable as the schema evolves.
 */
public final class EventCodec {

    private final Deserializer<AuditEvent> deserializer;

    public EventCodec(final SerdeContext serdes) {
        this.deserializer = Topics.AUDIT.valueSerde(serdes).deserializer();
    }

    public AuditEvent decode(final byte[] stored) {
        return deserializer.deserialize(Topics.AUDIT.name(), stored);
    }
}
