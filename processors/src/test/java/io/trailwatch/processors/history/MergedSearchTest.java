package io.trailwatch.processors.history;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AuditEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

class MergedSearchTest {

    private static final int PARTITIONS = 6;
    private static final int PAGE = 50;

    /** Each partition could fill the page alone; reading a page from each would be six pages of entries. */
    @Test
    void aPageReadsAboutOnePageOfIndexEntriesWhateverThePartitions() {
        final HistorySettings settings = new HistorySettings(Duration.ofDays(90), Duration.ofMinutes(1), 20_000);
        try (PartitionedHistory history = new PartitionedHistory(PARTITIONS, settings)) {
            final List<AuditEvent> events = new RandomTrail(3, START, Duration.ofDays(1).toMillis()).events(1_200);
            history.publishAll(events);
            final AtomicInteger entriesRead = new AtomicInteger();
            final Map<Integer, PartitionSearch> searches = new TreeMap<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                searches.put(partition, history.search(partition,
                    new CountingReads(history.index(partition), entriesRead)));
            }
            final EventQuery everything = new EventQuery(Map.of(), null, null, PAGE, null);

            final PartialPage<StoredEvent> page = MergedSearch.page(searches, everything,
                everything.oldestMillis(history.oldestRetained()), everything.newestMillis());

            final List<EventPosition> expected = RandomTrail.bruteForce(events, everything,
                everything.oldestMillis(history.oldestRetained()));
            assertThat(page.hits()).extracting(StoredEvent::position).containsExactlyElementsOf(
                expected.subList(0, PAGE));
            assertThat(page.bound()).isEqualTo(expected.get(PAGE - 1));
            // The page, the one hit that proves there is more, and at most one entry ahead in each partition.
            assertThat(entriesRead).hasValueLessThanOrEqualTo(PAGE + 1 + PARTITIONS);
        }
    }

    /** The index as the search sees it, counting the entries its ranges hand out. */
    private record CountingReads(KeyValueStore<Bytes, byte[]> index, AtomicInteger read)
        implements ReadOnlyKeyValueStore<Bytes, byte[]> {

        @Override
        public byte[] get(final Bytes key) {
            return index.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(final Bytes from, final Bytes to) {
            final KeyValueIterator<Bytes, byte[]> entries = index.range(from, to);
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public KeyValue<Bytes, byte[]> next() {
                    read.incrementAndGet();
                    return entries.next();
                }

                @Override
                public Bytes peekNextKey() {
                    return entries.peekNextKey();
                }

                @Override
                public void close() {
                    entries.close();
                }
            };
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            throw new UnsupportedOperationException("a search reads ranges");
        }

        @Override
        public long approximateNumEntries() {
            return index.approximateNumEntries();
        }
    }
}
