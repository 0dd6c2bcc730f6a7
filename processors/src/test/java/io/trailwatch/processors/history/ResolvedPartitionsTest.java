package io.trailwatch.processors.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class ResolvedPartitionsTest {

    private final List<Integer> resolutions = new ArrayList<>();
    private final ResolvedPartitions partitions = new ResolvedPartitions(partition -> {
        resolutions.add(partition);
        final PartitionStores stores = new PartitionStores(
            open(HistoryStores.EVENTS, Serdes.String(), Serdes.ByteArray()),
            open(HistoryStores.INDEX, Serdes.Bytes(), Serdes.ByteArray()),
            open(HistoryStores.GENERATION, Serdes.String(), Serdes.String()));
        return stores;
    });

    @Test
    void storesAreResolvedOncePerPartitionWhileTheyStayOpen() {
        final PartitionStores first = partitions.get(3);

        assertThat(partitions.get(3)).isSameAs(first);
        assertThat(partitions.get(4)).isNotSameAs(first);
        assertThat(partitions.get(3)).isSameAs(first);
        assertThat(resolutions).containsExactly(3, 4);
    }

    /** A task that moved away closes its stores; the partition's stores are then resolved anew, not read closed. */
    @Test
    void aPartitionWithAClosedStoreIsResolvedAgain() {
        final PartitionStores first = partitions.get(3);
        ((StateStore) first.index()).close();

        final PartitionStores second = partitions.get(3);

        assertThat(second).isNotSameAs(first);
        assertThat(second.areOpen()).isTrue();
        assertThat(partitions.get(3)).isSameAs(second);
        assertThat(resolutions).containsExactly(3, 3);
    }

    @Test
    void aForgottenPartitionIsResolvedAgain() {
        final PartitionStores first = partitions.get(3);

        partitions.forget(3);

        assertThat(partitions.get(3)).isNotSameAs(first);
        assertThat(resolutions).containsExactly(3, 3);
    }

    private static <K, V> KeyValueStore<K, V> open(final String name, final Serde<K> keys, final Serde<V> values) {
        final KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
            .withLoggingDisabled().build();
        store.init(new MockProcessorContext<Void, Void>().getStateStoreContext(), (StateStore) store);
        return store;
    }
}
