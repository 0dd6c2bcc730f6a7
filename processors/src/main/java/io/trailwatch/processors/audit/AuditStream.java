package io.trailwatch.processors.audit;

import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The audit trail as one stream of records. A topic can have only one source in a topology, or each record would
 * be read (and a bad one dead-lettered) once per source: every reader is a child of this stream.
 */
public final class AuditStream {

    private AuditStream() {
    }

    public static KStream<String, AuditRecord> addTo(final StreamsBuilder builder, final SerdeContext serdes) {
        return builder.stream(Topics.AUDIT.name(), Consumed.with(Topics.AUDIT.keySerde(serdes),
                AuditRecord.serde(serdes)).withName("audit-source"))
            .filter((key, record) -> record != null, Named.as("audit-present"));
    }
}
