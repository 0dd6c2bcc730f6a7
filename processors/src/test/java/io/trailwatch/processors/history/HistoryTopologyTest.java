package io.trailwatch.processors.history;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The event history on TopologyTestDriver: answers checked against a brute-force scan of the same events. */
class HistoryTopologyTest {

    private static final Duration THREE_DAYS = Duration.ofDays(3);

    /**
     * Random attribute combinations and time ranges, followed page by page to the end, give exactly the events
     * a scan of everything published finds, newest first, each once; with a small scan limit, pages also end
     * where a partition stopped scanning, and following them still neither skips nor repeats.
     */
    @ParameterizedTest(name = "scan limit {0}")
    @ValueSource(ints = {20_000, 37})
    void randomQueriesMatchABruteForceScanPageByPage(final int scanLimit) {
        final HistorySettings settings = new HistorySettings(Duration.ofDays(90), Duration.ofMinutes(1), scanLimit);
        try (PartitionedHistory history = new PartitionedHistory(3, settings)) {
            final RandomTrail trail = new RandomTrail(scanLimit, START, THREE_DAYS.toMillis());
            final List<AuditEvent> events = new ArrayList<>(trail.events(1_500));
            final Random random = new Random(scanLimit);
            for (int i = 0; i < 60; i++) {
                events.add(events.get(random.nextInt(events.size())));
            }
            history.publishAll(events);

            int answered = 0;
            int multiPage = 0;
            for (int i = 0; i < 300; i++) {
                final EventQuery query = trail.query(events);
                final List<EventPosition> expected = RandomTrail.bruteForce(events, query,
                    query.oldestMillis(history.oldestRetained()));

                final List<PartialPage<StoredEvent>> pages = history.pages(query);

                final List<EventPosition> found = PartitionedHistory.concat(pages).stream()
                    .map(StoredEvent::position).toList();
                assertThat(found).as("query %s", query).containsExactlyElementsOf(expected);
                assertThat(pages).allSatisfy(page -> assertThat(page.hits()).hasSizeLessThanOrEqualTo(
                    query.maxResults()));
                answered += expected.isEmpty() ? 0 : 1;
                multiPage += pages.size() > 1 && !expected.isEmpty() ? 1 : 0;
            }
            assertThat(answered).as("queries with results").isGreaterThan(100);
            assertThat(multiPage).as("queries answered over several pages").isGreaterThan(30);
        }
    }

    @Test
    void aPageCarriesTheStoredEventsWhole() {
        try (PartitionedHistory history = new PartitionedHistory(2, HistorySettings.DEFAULTS)) {
            final AuditEvent event = new RandomTrail(1, START, 1).event(START.minusSeconds(30));
            history.publish(event);

            final PartialPage<StoredEvent> page = history.page(query(Map.of(LookupAttribute.EVENT_NAME,
                List.of(event.getEventName())), 50));

            assertThat(page.hits()).extracting(StoredEvent::event).containsExactly(event);
            assertThat(page.hasMore()).isFalse();
        }
    }

    /**
     * A client follows NextToken while events keep arriving: events newer than where it is do not push later pages
     * around (no repeats), and late events older than where it is are still found (no skips).
     */
    @Test
    void pagesNeitherSkipNorRepeatWhileEventsArrive() {
        try (PartitionedHistory history = new PartitionedHistory(3, HistorySettings.DEFAULTS)) {
            final RandomTrail trail = new RandomTrail(11, START.minus(Duration.ofHours(1)), THREE_DAYS.toMillis());
            final List<AuditEvent> before = trail.events(300);
            history.publishAll(before);
            EventQuery query = query(Map.of(), 40);

            final PartialPage<StoredEvent> first = history.page(query);
            final EventPosition cursor = first.bound();
            final List<AuditEvent> newer = new ArrayList<>();
            final List<AuditEvent> lateButOlder = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                newer.add(trail.event(START.minusSeconds(i)));
                lateButOlder.add(trail.event(Instant.ofEpochMilli(cursor.timeMillis()).minus(Duration.ofMinutes(i + 1))));
            }
            history.publishAll(newer);
            history.publishAll(lateButOlder);
            final List<StoredEvent> seen = new ArrayList<>(first.hits());
            query = query.after(cursor);
            seen.addAll(PartitionedHistory.concat(history.pages(query)));

            final List<EventPosition> positions = seen.stream().map(StoredEvent::position).toList();
            assertThat(positions).doesNotHaveDuplicates().isSorted();
            assertThat(RandomTrail.ids(seen)).containsAll(RandomTrail.ids(positionsOf(before)))
                .containsAll(RandomTrail.ids(positionsOf(lateButOlder)))
                .doesNotContainAnyElementsOf(RandomTrail.ids(positionsOf(newer)));
            assertThat(seen).hasSize(before.size() + lateButOlder.size());
        }
    }

    /** CloudTrail may deliver an event twice: the history holds the first delivery once. */
    @Test
    void anEventDeliveredTwiceIsFoundOnce() {
        try (PartitionedHistory history = new PartitionedHistory(1, HistorySettings.DEFAULTS)) {
            final AuditEvent event = new RandomTrail(3, START, 1).event(START.minusSeconds(60));
            final AuditEvent redelivered = AuditEvent.newBuilder(event).setEventName("SomethingElse").build();

            history.publish(event);
            history.publish(event);
            history.publish(redelivered);

            assertThat(history.page(query(Map.of(), 50)).hits()).extracting(StoredEvent::event).containsExactly(event);
            assertThat(history.page(query(Map.of(LookupAttribute.EVENT_ID, List.of(event.getEventID())), 50)).hits())
                .hasSize(1);
            assertThat(history.page(query(Map.of(LookupAttribute.EVENT_NAME, List.of("SomethingElse")), 50)).hits())
                .isEmpty();
            assertThat(count(history.events(0))).isEqualTo(1);
        }
    }

    /**
     * Retention, here one hour: an event older than that on arrival is never stored; an event that ages out leaves
     * the answers at once and both stores at the next expiry run.
     */
    @Test
    void eventsLeaveTheStoresWhenTheyAgeOutOfRetention() {
        final HistorySettings settings = new HistorySettings(Duration.ofHours(1), Duration.ofMinutes(30), 20_000);
        try (PartitionedHistory history = new PartitionedHistory(1, settings)) {
            final RandomTrail trail = new RandomTrail(5, START, 1);
            final AuditEvent tooOld = trail.event(START.minus(Duration.ofMinutes(61)));
            final AuditEvent agingOut = trail.event(START.minus(Duration.ofMinutes(50)));
            final AuditEvent recent = trail.event(START.minus(Duration.ofMinutes(5)));
            history.publishAll(List.of(tooOld, agingOut, recent));
            assertThat(storedIds(history)).containsExactlyInAnyOrder(agingOut.getEventID(), recent.getEventID());
            assertThat(indexedIds(history)).containsExactlyInAnyOrder(agingOut.getEventID(), recent.getEventID());

            history.advanceWallClock(Duration.ofMinutes(15));

            assertThat(ids(history.page(query(Map.of(), 50)))).containsExactly(recent.getEventID());
            assertThat(storedIds(history)).as("not removed before the expiry run").contains(agingOut.getEventID());

            history.advanceWallClock(Duration.ofMinutes(20));

            assertThat(storedIds(history)).containsExactly(recent.getEventID());
            assertThat(indexedIds(history)).containsExactly(recent.getEventID());
            assertThat(ids(history.page(query(Map.of(LookupAttribute.EVENT_NAME, List.of(recent.getEventName())), 50))))
                .containsExactly(recent.getEventID());

            history.advanceWallClock(Duration.ofHours(1));

            assertThat(storedIds(history)).isEmpty();
            assertThat(indexedIds(history)).isEmpty();
        }
    }

    private static EventQuery query(final Map<LookupAttribute, List<String>> filters, final int maxResults) {
        return new EventQuery(filters, null, null, maxResults, null);
    }

    private static List<String> ids(final PartialPage<StoredEvent> page) {
        return page.hits().stream().map(hit -> hit.position().eventId()).toList();
    }

    private static List<EventPosition> positionsOf(final List<AuditEvent> events) {
        return events.stream().map(event -> StoredEvent.of(event).position()).toList();
    }

    private static Set<String> storedIds(final PartitionedHistory history) {
        final Set<String> ids = new HashSet<>();
        try (KeyValueIterator<String, byte[]> all = history.events(0).all()) {
            all.forEachRemaining(entry -> ids.add(entry.key));
        }
        return ids;
    }

    /** The eventIDs every index entry (bookkeeping aside) ends with: entries of events that are gone must be too. */
    private static Set<String> indexedIds(final PartitionedHistory history) {
        final Set<String> ids = new HashSet<>();
        final KeyValueStore<Bytes, byte[]> index = history.index(0);
        final Set<String> stored = storedIds(history);
        try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
            while (all.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = all.next();
                if (entry.key.get()[0] == IndexKeys.META) {
                    continue;
                }
                final String key = new String(entry.key.get(), StandardCharsets.ISO_8859_1);
                ids.add(stored.stream().filter(key::endsWith).findFirst().orElse("orphan entry " + Arrays.toString(
                    entry.key.get())));
            }
        }
        return ids;
    }

    private static long count(final KeyValueStore<String, byte[]> store) {
        long count = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }
}
