package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers a query from one partition's stores: walks the most selective index range newest first, checks each
 * entry's event against the other filters with point lookups, and stops after {@code scanLimit} entries (then the
 * page ends where the scan stopped, and the next resumes there). How many hits it reads is up to the merge.
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

    /**
     * The matching events in [oldest, newest] (milliseconds) after the query's position, in history order, read
     * from the index only as far as the caller advances. The caller closes it.
     */
    HitCursor cursor(final EventQuery query, final long oldest, final long newest) {
        if (oldest > newest) {
            return HitCursor.of(List.of());
        }
        if (query.filters().containsKey(LookupAttribute.EVENT_ID)) {
            return HitCursor.of(byEventId(query, oldest, newest));
        }
        final List<IndexPlanner.Range> ranges = new ArrayList<>();
        final List<byte[]> inTimeEntry = new ArrayList<>();
        for (final Map.Entry<LookupAttribute, String> filter : query.filterValues()) {
            final byte[] prefix = IndexKeys.prefix(filter.getKey(), filter.getValue());
            if (filter.getKey().indexing() == LookupAttribute.Indexing.TIME_ENTRY) {
                inTimeEntry.add(prefix);
            } else {
                ranges.add(IndexPlanner.Range.of(filter.getKey(), prefix, oldest, newest, query.after()));
            }
        }
        if (ranges.isEmpty()) {
            ranges.add(IndexPlanner.Range.of(null, IndexKeys.timePrefix(), oldest, newest, query.after()));
        }
        final IndexPlanner.Plan plan = IndexPlanner.choose(index, ranges);
        if (plan.empty()) {
            return HitCursor.of(List.of());
        }
        final boolean walksTimeEntries = plan.driver().attribute() == null;
        return new HitCursor(index.range(plan.driver().from(), plan.driver().to()), plan.driver().prefix().length,
            (position, value) -> hasAll(plan.checks(), position)
                && (inTimeEntry.isEmpty() || TimeEntryValues.holdsAll(walksTimeEntries ? value : timeEntry(position),
                    inTimeEntry)),
            scanLimit);
    }

    /** The stored event, or null when it is gone (expired since its entry was read). */
    AuditEvent load(final String eventId) {
        final byte[] stored = events.get(eventId);
        return stored == null ? null : decoder.apply(stored);
    }

    private boolean hasAll(final List<byte[]> prefixes, final EventPosition position) {
        for (final byte[] prefix : prefixes) {
            if (index.get(IndexKeys.entry(prefix, position.timeMillis(), position.eventId())) == null) {
                return false;
            }
        }
        return true;
    }

    /** The value of the event's time entry, or null when the event is gone. */
    private byte[] timeEntry(final EventPosition position) {
        return index.get(IndexKeys.entry(IndexKeys.timePrefix(), position.timeMillis(), position.eventId()));
    }

    private List<EventPosition> byEventId(final EventQuery query, final long oldest, final long newest) {
        final AuditEvent event = load(query.filters().get(LookupAttribute.EVENT_ID).get(0));
        if (event == null) {
            return List.of();
        }
        final EventPosition position = new EventPosition(event.getEventTime().toEpochMilli(), event.getEventID());
        final boolean inRange = position.timeMillis() >= oldest && position.timeMillis() <= newest
            && (query.after() == null || position.isAfter(query.after()));
        return inRange && EventAttributes.of(event).matches(query.filters()) ? List.of(position) : List.of();
    }
}
