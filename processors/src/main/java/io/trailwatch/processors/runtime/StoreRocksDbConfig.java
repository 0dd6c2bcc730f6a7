package io.trailwatch.processors.runtime;

import io.trailwatch.processors.history.HistoryRocksDbConfig;
import io.trailwatch.processors.logs.store.LogStorageRocksDbConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * The RocksDB settings of every store that has its own: Kafka Streams takes one setter class, so this one asks each
 * part's setter in turn (each changes only its own stores).
 */
public final class StoreRocksDbConfig implements RocksDBConfigSetter {

    private final List<RocksDBConfigSetter> parts = List.of(new HistoryRocksDbConfig(), new LogStorageRocksDbConfig());

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        parts.forEach(part -> part.setConfig(storeName, options, configs));
    }

    @Override
    public void close(final String storeName, final Options options) {
        parts.forEach(part -> part.close(storeName, options));
    }
}
