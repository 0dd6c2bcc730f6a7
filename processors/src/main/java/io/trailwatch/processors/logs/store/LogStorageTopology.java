package io.trailwatch.processors.logs.store;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
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
 */
public final class LogStorageTopology {

    private LogStorageTopology() {
    }

    /** This topology alone, with its own config store (where the groups' retention is): what unit tests drive. */
    public static Topology build(final SerdeContext serdes, final LogStorageSettings settings) {
        final StreamsBuilder builder = new StreamsBuilder();
        ConfigStore.addTo(builder, serdes, new DefinitionsVersion());
        addTo(LogStream.addTo(builder, serdes), builder, settings);
        return builder.build();
    }

    /** Adds the store to the log stream the other parts read, in a builder that has the config store. */
    public static void addTo(final KStream<String, LogEvent> logs, final StreamsBuilder builder,
                             final LogStorageSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LogStores.EVENTS),
            Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LogStores.STREAMS),
            Serdes.Bytes(), Serdes.ByteArray()));
        logs.process(() -> new LogStorageProcessor(settings), Named.as("log-storage"), LogStores.EVENTS,
            LogStores.STREAMS);
    }
}
