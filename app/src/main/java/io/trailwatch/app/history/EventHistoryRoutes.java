package io.trailwatch.app.history;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiRoutes;

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

    private final EventHistory history;

    public EventHistoryRoutes(final EventHistory history) {
        this.history = history;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/events", ctx -> json(ctx, history.lookup(ctx.queryParamMap())));
        routes.get(ClusterHistory.INTERNAL_PATH, ctx -> json(ctx, history.lookupLocal(ctx.queryParamMap())));
    }

    private static void json(final Context ctx, final byte[] body) {
        ctx.contentType("application/json").result(body);
    }
}
