package io.trailwatch.processors.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.CloudTrailJson;
import io.trailwatch.schemas.serde.SerdeContext;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An audit event as read from {@code trailwatch.audit}, shared in memory by every processor that reads the trail
 * (metric filters, event rules, the event history): the decoded event, the bytes it came in (Confluent wire
 * format, which the event history stores as they are instead of encoding the event again), and its CloudTrail
 * JSON, rendered once, on first use, since with no filter or rule defined nothing needs it. Readers must not
 * modify {@link #json()}.
 */
public final class AuditRecord {

    private final AuditEvent event;
    private final byte[] wire;
    private ObjectNode json;

    public AuditRecord(final AuditEvent event, final byte[] wire) {
        this.event = Objects.requireNonNull(event, "event");
        this.wire = Objects.requireNonNull(wire, "wire");
    }

    /** The serde of the audit topic's values as records; its serializer writes the bytes a record was read from. */
    public static Serde<AuditRecord> serde(final SerdeContext serdes) {
        final Deserializer<AuditEvent> events = Topics.AUDIT.valueSerde(serdes).deserializer();
        final Serializer<AuditRecord> serializer = (topic, record) -> record == null ? null : record.wire;
        final Deserializer<AuditRecord> deserializer = new Deserializer<>() {
            @Override
            public AuditRecord deserialize(final String topic, final byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public AuditRecord deserialize(final String topic, final Headers headers, final byte[] data) {
                final AuditEvent event = events.deserialize(topic, headers, data);
                return event == null ? null : new AuditRecord(event, data);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    public AuditEvent event() {
        return event;
    }

    /** The event exactly as the audit topic carries it: Confluent wire format under the topic's subject. */
    public byte[] wire() {
        return wire;
    }

    /** The CloudTrail JSON record, rendered on the first call (a record is read by one stream thread). */
    public ObjectNode json() {
        if (json == null) {
            json = CloudTrailJson.toJson(event);
        }
        return json;
    }
}
