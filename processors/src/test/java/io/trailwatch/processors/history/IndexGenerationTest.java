package io.trailwatch.processors.history;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import io.trailwatch.schemas.serde.SerdeContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The index is not changelogged: whenever a task starts with an index that may not match its (restored) events
 * store, it rebuilds it. Each "owner" here is an indexer on the shared changelogged stores (as every owner of the
 * partition sees them after restoring) with an index of its own (its local disk).
 */
class IndexGenerationTest {

    private final SerdeContext serdes = new SerdeContext(new InMemorySchemaRegistry(), true);
    private final KeyValueStore<String, byte[]> events = store(HistoryStores.EVENTS, Serdes.String(), Serdes.ByteArray());
    private final KeyValueStore<String, String> generations = store(HistoryStores.GENERATION, Serdes.String(),
        Serdes.String());
    private final List<AuditEvent> trail = new RandomTrail(21, START, Duration.ofDays(1).toMillis()).events(40);

    @Test
    void anInstanceWithoutTheIndexRebuildsItFromTheRestoredEvents() {
        final KeyValueStore<Bytes, byte[]> first = index();
        process(owner(first), trail.subList(0, 20));

        final KeyValueStore<Bytes, byte[]> second = index();
        owner(second);

        assertThat(searchAll(second)).containsExactlyElementsOf(expected(trail.subList(0, 20)));
    }

    @Test
    void anIndexLeftBehindByAnEarlierOwnerIsRebuiltWhenThePartitionComesBack() {
        final KeyValueStore<Bytes, byte[]> a = index();
        process(owner(a), trail.subList(0, 20));
        final KeyValueStore<Bytes, byte[]> b = index();
        process(owner(b), trail.subList(20, 40));

        owner(a);

        assertThat(searchAll(a)).containsExactlyElementsOf(expected(trail));
        assertThat(searchAll(b)).containsExactlyElementsOf(expected(trail));
    }

    @Test
    void aCurrentIndexIsKeptAsItIs() {
        final KeyValueStore<Bytes, byte[]> index = index();
        process(owner(index), trail.subList(0, 10));
        final Bytes marker = Bytes.wrap(new byte[] {IndexKeys.META, 42});
        index.put(marker, IndexEntries.PRESENT);

        owner(index);

        assertThat(index.get(marker)).as("a rebuild would have cleared it").isNotNull();
        assertThat(searchAll(index)).containsExactlyElementsOf(expected(trail.subList(0, 10)));
    }

    @Test
    void anIndexOfTheEarlierFormatIsRebuiltInTheCurrentOne() {
        final KeyValueStore<Bytes, byte[]> index = index();
        process(owner(index), trail.subList(0, 10));
        // Format 1 recorded the bare generation, and gave coarse attributes (here ReadOnly) entries of their own.
        index.put(IndexKeys.meta(), generations.get(IndexGeneration.KEY).getBytes(StandardCharsets.UTF_8));
        final AuditEvent first = trail.get(0);
        final Bytes formatOneEntry = IndexKeys.entry(IndexKeys.prefix(LookupAttribute.READ_ONLY, "true"),
            first.getEventTime().toEpochMilli(), first.getEventID());
        index.put(formatOneEntry, IndexEntries.PRESENT);

        owner(index);

        assertThat(index.get(formatOneEntry)).as("entries of the earlier format are cleared").isNull();
        assertThat(new String(index.get(IndexKeys.meta()), StandardCharsets.UTF_8))
            .isEqualTo(IndexGeneration.FORMAT + generations.get(IndexGeneration.KEY));
        assertThat(searchAll(index)).containsExactlyElementsOf(expected(trail.subList(0, 10)));
    }

    private HistoryIndexer owner(final KeyValueStore<Bytes, byte[]> index) {
        final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        context.addStateStore(events);
        context.addStateStore(generations);
        context.addStateStore(index);
        final HistoryIndexer indexer = new HistoryIndexer(HistorySettings.DEFAULTS, new EventCodec(serdes));
        indexer.init(context);
        return indexer;
    }

    private void process(final HistoryIndexer indexer, final List<AuditEvent> events) {
        final Serializer<AuditEvent> serializer = Topics.AUDIT.valueSerde(serdes).serializer();
        events.forEach(event -> indexer.process(new Record<>(event.getEventID(),
            new AuditRecord(event, serializer.serialize(Topics.AUDIT.name(), event)),
            event.getEventTime().toEpochMilli())));
    }

    private List<EventPosition> searchAll(final KeyValueStore<Bytes, byte[]> index) {
        final PartitionSearch search = new PartitionSearch(events, index, new EventCodec(serdes)::decode, 100_000);
        return MergedSearch.page(Map.of(0, search), new EventQuery(Map.of(), null, null, 1_000, null),
            Long.MIN_VALUE + 1, Long.MAX_VALUE).hits().stream().map(StoredEvent::position).toList();
    }

    private static List<EventPosition> expected(final List<AuditEvent> events) {
        return RandomTrail.bruteForce(events, new EventQuery(Map.of(), null, null, 1, null), Long.MIN_VALUE + 1);
    }

    private static KeyValueStore<Bytes, byte[]> index() {
        return store(HistoryStores.INDEX, Serdes.Bytes(), Serdes.ByteArray());
    }

    private static <K, V> KeyValueStore<K, V> store(final String name, final org.apache.kafka.common.serialization.Serde<K> keys,
                                                    final org.apache.kafka.common.serialization.Serde<V> values) {
        final KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
            .withLoggingDisabled().build();
        final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), (StateStore) store);
        return store;
    }
}
