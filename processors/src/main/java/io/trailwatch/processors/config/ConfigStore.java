package io.trailwatch.processors.config;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Every instance keeps the whole config topic in a global store, so a definition change reaches every task
 * without a restart or a repartition.
 */
public final class ConfigStore {

    public static final String NAME = "trailwatch-config";

    private ConfigStore() {
    }

    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final DefinitionsVersion version) {
        builder.addGlobalStore(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                    Topics.CONFIG.valueSerde(serdes))
                // A global store is restored from its source topic; a changelog would only duplicate it.
                .withLoggingDisabled(),
            Topics.CONFIG.name(),
            Consumed.with(Topics.CONFIG.keySerde(serdes), Topics.CONFIG.valueSerde(serdes)),
            () -> new Updater(version));
    }

    private static final class Updater implements Processor<String, ConfigEntry, Void, Void> {
        private final DefinitionsVersion version;
        private KeyValueStore<String, ConfigEntry> store;

        Updater(final DefinitionsVersion version) {
            this.version = version;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(final Record<String, ConfigEntry> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            version.changed();
        }
    }
}
