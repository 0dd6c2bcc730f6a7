package io.trailwatch.processors.history;

import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.audit.AuditStream;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The event history: {@code trailwatch.audit} indexed into state stores (see {@link HistoryStores}) in the tasks
 * that read it, so the index is partitioned like the trail, by eventID. Queries read the stores through
 * {@link LocalHistory}.
 */
public final class HistoryTopology {

    private HistoryTopology() {
    }

    /** This topology alone: what unit tests drive. */
    public static Topology build(final SerdeContext serdes, final HistorySettings settings) {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, serdes, settings);
        return builder.build();
    }

    /** Adds the indexer with its own source on the audit topic, for a topology where nothing else reads it. */
    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final HistorySettings settings) {
        addTo(AuditStream.addTo(builder, serdes), builder, serdes, settings);
    }

    /**
     * Adds the indexer to the audit stream the other parts read: a topic has one source in a topology, or each
     * record would be read (and dead-lettered) once per source.
     */
    public static void addTo(final KStream<String, AuditRecord> audit, final StreamsBuilder builder,
                             final SerdeContext serdes, final HistorySettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HistoryStores.EVENTS),
            Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HistoryStores.INDEX),
            Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HistoryStores.GENERATION),
            Serdes.String(), Serdes.String()));
        audit.process(() -> new HistoryIndexer(settings, new EventCodec(serdes)), Named.as("history-indexer"),
                HistoryStores.EVENTS, HistoryStores.INDEX, HistoryStores.GENERATION);
    }
}
