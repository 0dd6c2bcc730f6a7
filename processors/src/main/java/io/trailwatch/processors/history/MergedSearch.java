package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page over several partitions: each finds positions, the positions are merged in history order, and only
 * the events that make the page are loaded and decoded.
 */
final class MergedSearch {

    private MergedSearch() {
    }

    static PartialPage<StoredEvent> page(final Map<Integer, PartitionSearch> partitions, final EventQuery query,
                                         final long oldest, final long newest) {
        final List<PartialPage<PartitionHit>> parts = new ArrayList<>(partitions.size());
        partitions.forEach((partition, search) -> parts.add(search.find(query, oldest, newest)
            .map(position -> new PartitionHit(position, partition))));
        final PartialPage<PartitionHit> merged = PartialPage.merge(parts, query.maxResults());
        final List<StoredEvent> events = new ArrayList<>(merged.hits().size());
        for (final PartitionHit hit : merged.hits()) {
            final AuditEvent event = partitions.get(hit.partition()).load(hit.position().eventId());
            if (event != null) {
                events.add(new StoredEvent(hit.position(), event));
            }
        }
        return new PartialPage<>(events, merged.bound());
    }

    /** A position and the partition it was found in, so the event is loaded from there. */
    private record PartitionHit(EventPosition position, int partition) implements Positioned {
    }
}
