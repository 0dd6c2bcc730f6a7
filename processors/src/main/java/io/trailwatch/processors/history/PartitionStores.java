package io.trailwatch.processors.history;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** One partition's event history stores, as interactive queries hand them out (see {@link HistoryStores}). */
record PartitionStores(ReadOnlyKeyValueStore<String, byte[]> events, ReadOnlyKeyValueStore<Bytes, byte[]> index,
                       ReadOnlyKeyValueStore<String, String> generations) {

    /** False once any of them closed; stores Kafka Streams wraps in a facade are never known to be open. */
    boolean areOpen() {
        return isOpen(events) && isOpen(index) && isOpen(generations);
    }

    private static boolean isOpen(final ReadOnlyKeyValueStore<?, ?> store) {
        return store instanceof StateStore state && state.isOpen();
    }
}
