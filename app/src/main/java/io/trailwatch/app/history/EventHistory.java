package io.trailwatch.app.history;

import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.HistorySettings;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * LookupEvents over the event history, as both {@code GET /v1/events} and CloudTrail's own API answer it: the
 * search is given as {@code /v1/events}' parameters ({@link EventsRequest}), which are also what is passed on to the
 * other instances, and the answer is LookupEvents' JSON ({@link EventsJson}), UTF-8.
 */
public final class EventHistory {

    private final LocalHistory local;
    private final ClusterHistory cluster;

    private EventHistory(final LocalHistory local, final ClusterHistory cluster) {
        this.local = local;
        this.cluster = cluster;
    }

    public static EventHistory create(final ProcessorsRuntime runtime, final SerdeContext serdes,
                                      final HistorySettings settings) {
        final LocalHistory local = new LocalHistory(runtime.streams(), serdes, settings, Clock.systemUTC());
        return new EventHistory(local, new ClusterHistory(local, runtime.router()));
    }

    /** The whole history's page: {@code {"Events":[...],"NextToken":"..."}}, newest first. */
    public byte[] lookup(final Map<String, List<String>> parameters) {
        final EventQuery query = EventsRequest.parse(parameters);
        return EventsJson.page(cluster.search(query, parameters), query);
    }

    /** The same search over this instance's partitions only, for the instance that fans a search out. */
    byte[] lookupLocal(final Map<String, List<String>> parameters) {
        return EventsJson.instanceAnswer(local.search(EventsRequest.parse(parameters)));
    }
}
