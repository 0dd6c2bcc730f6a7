package io.trailwatch.app.history;

import io.trailwatch.app.http.QueryString;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.HistoryStores;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.history.PartialPage;
import io.trailwatch.processors.history.Positioned;
import io.trailwatch.processors.history.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A search of the whole history from any instance: this instance's partitions are searched here while every other
 * instance holding partitions is asked (over its internal endpoint) for its own; the answers are merged in history
 * order. A partition no instance answered for makes the search fail as unavailable (503, retry), never return a
 * silently partial page.
 */
final class ClusterHistory {

    static final String INTERNAL_PATH = "/v1/internal/events";

    private final LocalHistory local;
    private final InstanceRouter router;

    ClusterHistory(final LocalHistory local, final InstanceRouter router) {
        this.local = local;
        this.router = router;
    }

    /**
     * @param query      the parsed search
     * @param parameters the request's parameters, passed on (encoded again) so every instance reads the same search
     */
    PartialPage<RenderedEvent> search(final EventQuery query, final Map<String, List<String>> parameters) {
        final List<CompletableFuture<EventsJson.InstanceAnswer>> remote = router.fromOthers(HistoryStores.EVENTS,
            INTERNAL_PATH + QueryString.of(parameters), (host, body) -> EventsJson.parseInstanceAnswer(body,
                host.toString()));
        final LocalHistory.LocalAnswer mine = local.search(query);
        // Merged as positions, and only the local hits that make the page are rendered.
        final List<PartialPage<Positioned>> pages = new ArrayList<>();
        pages.add(mine.page().map(Positioned.class::cast));
        final Set<Integer> covered = new TreeSet<>(mine.partitions());
        for (final EventsJson.InstanceAnswer theirs : InstanceRouter.joined(remote)) {
            pages.add(theirs.page().map(Positioned.class::cast));
            covered.addAll(theirs.partitions());
        }
        final Set<Integer> missing = new TreeSet<>(local.allPartitions());
        missing.removeAll(covered);
        if (!missing.isEmpty()) {
            throw new InstanceRouter.UnavailableException("event history partitions " + missing
                + " are not available now (an instance is starting or the partitions are moving); retry");
        }
        try (EventRenderer renderer = new EventRenderer()) {
            return PartialPage.merge(pages, query.maxResults()).map(hit -> hit instanceof StoredEvent stored
                ? renderer.render(stored) : (RenderedEvent) hit);
        }
    }
}
