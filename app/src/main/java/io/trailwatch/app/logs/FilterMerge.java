package io.trailwatch.app.logs;

import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instances' pages of one FilterLogEvents call merged into its answer. An instance that stopped early (at the
 * limit, or at its scan limit) knows nothing after the last event it examined, so the answer goes no further than
 * the earliest such event; the next page resumes after the last event returned (or after that point, when no
 * event before it matched).
 *
 * @param events      the answer's events, in time order
 * @param resumeAfter where the next page starts (exclusive); empty when the search is complete
 */
record FilterMerge(List<StoredLogEvent> events, Optional<StoredLogEvent> resumeAfter) {

    static FilterMerge of(final List<LocalLogEvents.FilterPage> pages, final int limit, final long maxBytes) {
        final Optional<StoredLogEvent> known = pages.stream().flatMap(page -> page.stoppedAt().stream())
            .min(LocalLogEvents.ORDER);
        final List<StoredLogEvent> candidates = new ArrayList<>();
        pages.forEach(page -> page.events().stream()
            .filter(event -> known.isEmpty() || LocalLogEvents.ORDER.compare(event, known.get()) <= 0)
            .forEach(candidates::add));
        candidates.sort(LocalLogEvents.ORDER);
        final List<StoredLogEvent> taken = new ArrayList<>();
        long bytes = 0;
        for (final StoredLogEvent event : candidates) {
            bytes += event.size();
            if (taken.size() >= limit || bytes > maxBytes && !taken.isEmpty()) {
                return new FilterMerge(taken, Optional.of(taken.get(taken.size() - 1)));
            }
            taken.add(event);
        }
        return new FilterMerge(taken, known);
    }
}
