package io.trailwatch.processors.logs.store;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.audit.AuditStream;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.logs.AuditLogGroup;
import io.trailwatch.processors.logs.KeptLogEvents;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The log store: {@code trailwatch.logs} kept in state stores ({@link LogStores}) in the tasks that read it, so the
 * events of a group's stream are where its partition is. Queries read them through {@link LocalLogEvents}.
 *
 * <p>The audit trail is stored as log group {@value AuditLogGroup#NAME} by reading {@code trailwatch.audit} directly
 * into the same stores, rather than copying each audit record onto {@code trailwatch.logs}: a copy would double the
 * trail's bytes on the broker and need its own exactly-once producer, while here each audit record is stored in the
 * same exactly-once transaction that commits its offset (EOS v2), keyed by its own partition and offset, so a replay
 * overwrites itself. The cost: the audit and log sources share one sub-topology, so their tasks are one per partition
 * number (both topics have the same partition count) and an audit stream's events are spread over every partition
 * (the trail is keyed by eventID), which reads merge.
 */
public final class LogStorageTopology {

    private LogStorageTopology() {
    }

    /** This topology alone, with its own config store (where the groups' retention is): what unit tests drive. */
    public static Topology build(final SerdeContext serdes, final LogStorageSettings settings, final String account) {
        final StreamsBuilder builder = new StreamsBuilder();
        ConfigStore.addTo(builder, serdes, new DefinitionsVersion());
        addTo(KeptLogEvents.of(LogStream.addTo(builder, serdes), AuditStream.addTo(builder, serdes), account), builder,
            settings);
        return builder.build();
    }

    /** Adds the store to the kept log events ({@link KeptLogEvents#of}), in a builder that has the config store. */
    public static void addTo(final KStream<String, LogEvent> kept, final StreamsBuilder builder,
                             final LogStorageSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LogStores.EVENTS),
            Serdes.Bytes(), Serdes.ByteArray()));
        // Cached: a stream's statistics are rewritten by each of its events, and reach RocksDB and the changelog once
        // per commit instead.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LogStores.STREAMS),
            Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        kept.process(() -> new LogStorageProcessor(settings), Named.as("log-storage"), LogStores.EVENTS,
                LogStores.STREAMS);
    }
}
