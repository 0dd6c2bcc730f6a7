package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The history topology on several drivers, one per partition, with events routed by eventID as the audit topic's
 * partitioner routes them: the unit-level stand-in for a partitioned application, searched and paged the way
 * {@link LocalHistory} does.
 */
final class PartitionedHistory implements AutoCloseable {

    private final HistorySettings settings;
    private final List<TopologyHarness> partitions = new ArrayList<>();
    private final List<TestInputTopic<String, AuditEvent>> inputs = new ArrayList<>();
    private Instant wallClock = TopologyHarness.START;

    PartitionedHistory(final int count, final HistorySettings settings) {
        this.settings = settings;
        for (int i = 0; i < count; i++) {
            final TopologyHarness harness = new TopologyHarness();
            harness.start(HistoryTopology.build(harness.serdes(), settings));
            partitions.add(harness);
            inputs.add(harness.input(Topics.AUDIT));
        }
    }

    void publish(final AuditEvent event) {
        inputs.get(partitionOf(event.getEventID())).pipeInput(event.getEventID(), event, event.getEventTime());
    }

    void publishAll(final List<AuditEvent> events) {
        events.forEach(this::publish);
    }

    int partitionOf(final String eventId) {
        return Math.floorMod(eventId.hashCode(), partitions.size());
    }

    void advanceWallClock(final Duration duration) {
        partitions.forEach(partition -> partition.driver().advanceWallClockTime(duration));
        wallClock = wallClock.plus(duration);
    }

    /** The oldest retained time now, by the drivers' (shared) wall clock. */
    long oldestRetained() {
        return settings.oldestRetained(wallClock.toEpochMilli());
    }

    /** One page of the query, as an instance holding every partition answers it. */
    PartialPage<StoredEvent> page(final EventQuery query) {
        final Map<Integer, PartitionSearch> searches = new TreeMap<>();
        for (int i = 0; i < partitions.size(); i++) {
            searches.put(i, search(i));
        }
        return MergedSearch.page(searches, query, query.oldestMillis(oldestRetained()), query.newestMillis());
    }

    /** Every page of the query, following each page's bound as a client follows NextToken. */
    List<PartialPage<StoredEvent>> pages(final EventQuery query) {
        final List<PartialPage<StoredEvent>> pages = new ArrayList<>();
        EventQuery next = query;
        while (true) {
            final PartialPage<StoredEvent> page = page(next);
            pages.add(page);
            if (!page.hasMore()) {
                return pages;
            }
            if (pages.size() > 10_000) {
                throw new AssertionError("pagination does not end: " + query);
            }
            next = next.after(page.bound());
        }
    }

    static List<StoredEvent> concat(final List<PartialPage<StoredEvent>> pages) {
        final List<StoredEvent> all = new ArrayList<>();
        pages.forEach(page -> all.addAll(page.hits()));
        return all;
    }

    PartitionSearch search(final int partition) {
        return search(partition, index(partition));
    }

    /** A search of the partition that reads its index through the given view of it. */
    PartitionSearch search(final int partition, final ReadOnlyKeyValueStore<Bytes, byte[]> index) {
        final TopologyHarness harness = partitions.get(partition);
        return new PartitionSearch(events(partition), index, new EventCodec(harness.serdes())::decode,
            settings.scanLimit());
    }

    KeyValueStore<String, byte[]> events(final int partition) {
        return partitions.get(partition).driver().getKeyValueStore(HistoryStores.EVENTS);
    }

    KeyValueStore<Bytes, byte[]> index(final int partition) {
        return partitions.get(partition).driver().getKeyValueStore(HistoryStores.INDEX);
    }

    int partitionCount() {
        return partitions.size();
    }

    @Override
    public void close() {
        partitions.forEach(TopologyHarness::close);
    }
}
