package io.trailwatch.processors.history;

import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * Searches the partitions of the event history this instance runs (interactive queries on its active tasks) and
 * merges them in history order. Other instances' partitions are asked for separately; {@link #allPartitions()}
 * says which partitions a whole answer must cover.
 */
public final class LocalHistory {

    private final KafkaStreams streams;
    private final ResolvedPartitions resolved = new ResolvedPartitions(this::resolve);
    private final EventCodec codec;
    private final HistorySettings settings;
    private final Clock clock;

    public LocalHistory(final KafkaStreams streams, final SerdeContext serdes, final HistorySettings settings,
                        final Clock clock) {
        this.streams = streams;
        this.codec = new EventCodec(serdes);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The answer of this instance's partitions.
     *
     * @throws InstanceRouter.UnavailableException when a local partition cannot be read now (restoring, migrating)
     */
    public LocalAnswer search(final EventQuery query) {
        final long oldest = query.oldestMillis(settings.oldestRetained(clock.millis()));
        final long newest = query.newestMillis();
        final Map<Integer, PartitionSearch> searches = new TreeMap<>();
        for (final int partition : localPartitions()) {
            searches.put(partition, open(partition));
        }
        try {
            return new LocalAnswer(searches.keySet(), MergedSearch.page(searches, query, oldest, newest));
        } catch (final InvalidStateStoreException movedAway) {
            throw notReady("a partition moved during the search: " + movedAway.getMessage());
        }
    }

    /**
     * The partitions of the history across all instances: what a whole answer covers.
     *
     * @throws InstanceRouter.UnavailableException before the partitions are assigned
     */
    public Set<Integer> allPartitions() {
        final Set<Integer> partitions = new TreeSet<>();
        try {
            for (final StreamsMetadata instance : streams.streamsMetadataForStore(HistoryStores.EVENTS)) {
                for (final TopicPartition partition : instance.topicPartitions()) {
                    if (partition.topic().equals(Topics.AUDIT.name())) {
                        partitions.add(partition.partition());
                    }
                }
            }
        } catch (final InvalidStateStoreException | IllegalStateException notRunning) {
            throw notReady(notRunning.getMessage());
        }
        if (partitions.isEmpty()) {
            throw notReady("no partitions assigned yet");
        }
        return partitions;
    }

    private Set<Integer> localPartitions() {
        final Set<Integer> partitions = new TreeSet<>();
        try {
            streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> {
                if (task.topicPartitions().stream().anyMatch(partition -> partition.topic().equals(Topics.AUDIT.name()))) {
                    partitions.add(task.taskId().partition());
                }
            }));
        } catch (final IllegalStateException notRunning) {
            throw notReady(notRunning.getMessage());
        }
        return partitions;
    }

    private static InstanceRouter.UnavailableException notReady(final String why) {
        return new InstanceRouter.UnavailableException("the event history is not ready (" + why + "); retry");
    }

    private PartitionSearch open(final int partition) {
        try {
            final PartitionStores stores = resolved.get(partition);
            // Checked on every search, cached stores or not: it is what tells a task still restoring its stores, or
            // rebuilding its index, from one that answers.
            if (!IndexGeneration.isCurrent(stores.generations(), stores.index())) {
                throw new InstanceRouter.UnavailableException("event history partition " + partition
                    + " is being re-indexed; retry");
            }
            return new PartitionSearch(stores.events(), stores.index(), codec::decode, settings.scanLimit());
        } catch (final InvalidStateStoreException e) {
            resolved.forget(partition);
            throw new InstanceRouter.UnavailableException("event history partition " + partition
                + " is not available now (" + e.getMessage() + "); retry");
        }
    }

    private PartitionStores resolve(final int partition) {
        return new PartitionStores(store(HistoryStores.EVENTS, partition), store(HistoryStores.INDEX, partition),
            store(HistoryStores.GENERATION, partition));
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(final String name, final int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, new ResolvedOnce<K, V>())
            .withPartition(partition));
    }

    /**
     * A partition's key-value store itself, resolved for {@link ResolvedPartitions}. The composite store that
     * {@link QueryableStoreTypes#keyValueStore()} gives looks the store up again through the stream threads on every
     * read, a sixth of a lookup's time over the fifty point reads of a page. A store that closes while it is read
     * (its task moved away) still throws {@link InvalidStateStoreException}, which a search reports as unavailable.
     */
    private static final class ResolvedOnce<K, V> implements QueryableStoreType<ReadOnlyKeyValueStore<K, V>> {

        private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValue = QueryableStoreTypes.keyValueStore();

        @Override
        public boolean accepts(final StateStore store) {
            return keyValue.accepts(store);
        }

        @Override
        public ReadOnlyKeyValueStore<K, V> create(final StateStoreProvider provider, final String storeName) {
            final List<ReadOnlyKeyValueStore<K, V>> stores = provider.stores(storeName, keyValue);
            if (stores.size() != 1) {
                throw new InvalidStateStoreException("expected one " + storeName + " store for the partition, found "
                    + stores.size());
            }
            return stores.get(0);
        }
    }

    /**
     * This instance's answer.
     *
     * @param partitions the partitions it covers
     * @param page       their merged hits
     */
    public record LocalAnswer(Set<Integer> partitions, PartialPage<StoredEvent> page) {

        public LocalAnswer {
            partitions = Set.copyOf(partitions);
        }
    }
}
