package io.trailwatch.processors.audit;

import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The audit trail as one stream of rendered records. A topic can have only one source in a topology, and every
 * reader needs the CloudTrail JSON: both are done once here, and each reader is a child of this stream.
 */
public final class AuditStream {

    private AuditStream() {
    }

    public static KStream<String, AuditRecord> addTo(final StreamsBuilder builder, final SerdeContext serdes) {
        return builder.stream(Topics.AUDIT.name(), Consumed.with(Topics.AUDIT.keySerde(serdes),
                Topics.AUDIT.valueSerde(serdes)).withName("audit-source"))
            .filter((key, event) -> event != null, Named.as("audit-present"))
            .mapValues(AuditRecord::of, Named.as("audit-render"));
    }
}
