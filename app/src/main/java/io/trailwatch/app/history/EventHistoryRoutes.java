package io.trailwatch.app.history;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.HistorySettings;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;

/**
 * The event history over HTTP.
 *
 * <ul>
 *   <li>{@code GET /v1/events}: LookupEvents over the whole history, from any instance (see {@link EventsRequest}
 *       for the parameters): {@code {"Events":[...],"NextToken":"..."}}, newest first.</li>
 *   <li>{@code GET /v1/internal/events}: the same search over this instance's partitions only, for the instance
 *       that fans a search out.</li>
 * </ul>
 */
public final class EventHistoryRoutes implements ApiRoutes {

    private final LocalHistory local;
    private final ClusterHistory cluster;

    private EventHistoryRoutes(final LocalHistory local, final ClusterHistory cluster) {
        this.local = local;
        this.cluster = cluster;
    }

    public static EventHistoryRoutes create(final ProcessorsRuntime runtime, final SerdeContext serdes,
                                            final HistorySettings settings) {
        final LocalHistory local = new LocalHistory(runtime.streams(), serdes, settings, Clock.systemUTC());
        return new EventHistoryRoutes(local, new ClusterHistory(local, runtime.router()));
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/events", this::lookup);
        routes.get(ClusterHistory.INTERNAL_PATH, this::lookupLocal);
    }

    private void lookup(final Context ctx) {
        final EventQuery query = EventsRequest.parse(ctx.queryParamMap());
        json(ctx, EventsJson.page(cluster.search(query, ctx.queryParamMap()), query));
    }

    private void lookupLocal(final Context ctx) {
        json(ctx, EventsJson.instanceAnswer(local.search(EventsRequest.parse(ctx.queryParamMap()))));
    }

    private static void json(final Context ctx, final byte[] body) {
        ctx.contentType("application/json").result(body);
    }
}
