package io.trailwatch.app.alarms;

import io.trailwatch.processors.runtime.InstanceRouter;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's part of a key-value store, or a 503 while the processors start or rebalance. */
final class LocalStores {

    private LocalStores() {
    }

    static <V> ReadOnlyKeyValueStore<String, V> keyValue(final ProcessorsRuntime runtime, final String store) {
        try {
            return runtime.streams().store(StoreQueryParameters.fromNameAndType(store,
                QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (final InvalidStateStoreException e) {
            throw new InstanceRouter.UnavailableException("store " + store + " is not available yet (starting or "
                + "rebalancing): " + e.getMessage());
        }
    }
}
