package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers a query from one partition's stores: walks the most selective index range newest first, checks each
 * entry's event against the other filters with point lookups, and stops at {@code maxResults} hits or after
 * {@code scanLimit} entries (then the page ends where the scan stopped, and the next resumes there).
 */
final class PartitionSearch {

    private final ReadOnlyKeyValueStore<String, byte[]> events;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> index;
    private final Function<byte[], AuditEvent> decoder;
    private final int scanLimit;

    PartitionSearch(final ReadOnlyKeyValueStore<String, byte[]> events, final ReadOnlyKeyValueStore<Bytes, byte[]> index,
                    final Function<byte[], AuditEvent> decoder, final int scanLimit) {
        this.events = events;
        this.index = index;
        this.decoder = decoder;
        this.scanLimit = scanLimit;
    }

    /** Positions of the matching events in [oldest, newest] (milliseconds) after the query's position. */
    PartialPage<EventPosition> find(final EventQuery query, final long oldest, final long newest) {
        if (oldest > newest) {
            return PartialPage.complete(List.of());
        }
        if (query.filters().containsKey(LookupAttribute.EVENT_ID)) {
            return byEventId(query, oldest, newest);
        }
        final List<IndexPlanner.Range> ranges = new ArrayList<>();
        for (final Map.Entry<LookupAttribute, String> filter : query.filterValues()) {
            ranges.add(IndexPlanner.Range.of(filter.getKey(), IndexKeys.prefix(filter.getKey(), filter.getValue()),
                oldest, newest, query.after()));
        }
        if (ranges.isEmpty()) {
            ranges.add(IndexPlanner.Range.of(null, IndexKeys.timePrefix(), oldest, newest, query.after()));
        }
        final IndexPlanner.Plan plan = IndexPlanner.choose(index, ranges);
        return plan.empty() ? PartialPage.complete(List.of()) : walk(plan, query.maxResults());
    }

    /** The stored event, or null when it is gone (expired since its entry was read). */
    AuditEvent load(final String eventId) {
        final byte[] stored = events.get(eventId);
        return stored == null ? null : decoder.apply(stored);
    }

    private PartialPage<EventPosition> walk(final IndexPlanner.Plan plan, final int limit) {
        final int prefixLength = plan.driver().prefix().length;
        final List<EventPosition> hits = new ArrayList<>(Math.min(limit + 1, 1024));
        int examined = 0;
        try (KeyValueIterator<Bytes, byte[]> entries = index.range(plan.driver().from(), plan.driver().to())) {
            while (entries.hasNext()) {
                final EventPosition position = IndexKeys.position(entries.next().key.get(), prefixLength);
                examined++;
                if (hasAll(plan.checks(), position)) {
                    hits.add(position);
                    if (hits.size() > limit) {
                        // One more than asked proves there are more; the page ends at its last hit.
                        final List<EventPosition> page = hits.subList(0, limit);
                        return new PartialPage<>(page, page.get(limit - 1));
                    }
                }
                if (examined >= scanLimit && entries.hasNext()) {
                    return new PartialPage<>(hits, position);
                }
            }
        }
        return PartialPage.complete(hits);
    }

    private boolean hasAll(final List<byte[]> prefixes, final EventPosition position) {
        for (final byte[] prefix : prefixes) {
            if (index.get(IndexKeys.entry(prefix, position.timeMillis(), position.eventId())) == null) {
                return false;
            }
        }
        return true;
    }

    private PartialPage<EventPosition> byEventId(final EventQuery query, final long oldest, final long newest) {
        final AuditEvent event = load(query.filters().get(LookupAttribute.EVENT_ID).get(0));
        if (event == null) {
            return PartialPage.complete(List.of());
        }
        final EventPosition position = new EventPosition(event.getEventTime().toEpochMilli(), event.getEventID());
        final boolean inRange = position.timeMillis() >= oldest && position.timeMillis() <= newest
            && (query.after() == null || position.isAfter(query.after()));
        return PartialPage.complete(inRange && EventAttributes.of(event).matches(query.filters())
            ? List.of(position) : List.of());
    }
}
