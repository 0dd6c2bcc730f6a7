package io.trailwatch.app.alarms;

import io.trailwatch.processors.runtime.ProcessorsRuntime;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's part of a key-value store. While the processors start or rebalance it throws
 * InvalidStateStoreException, which the API answers with 503 (see ApiErrors), as it does when iterating fails.
 */
final class LocalStores {

    private LocalStores() {
    }

    static <V> ReadOnlyKeyValueStore<String, V> keyValue(final ProcessorsRuntime runtime, final String store) {
        return runtime.streams().store(StoreQueryParameters.fromNameAndType(store,
            QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
