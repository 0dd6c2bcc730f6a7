package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.processors.config.DefinitionShapes;
import java.util.Set;

/**
 * Subscription filters over HTTP, with CloudWatch Logs' member names:
 * <ul>
 *   <li>{@code PUT /v1/subscription-filters/{name}}: body {@code {logGroupName, filterPattern, destinationArn[,
 *       distribution]}}; 200 with the filter as described, 400 naming the invalid field, LimitExceededException
 *       for a third filter on a group;</li>
 *   <li>{@code GET /v1/subscription-filters?logGroupName=G[&filterNamePrefix=]}: {@code {"subscriptionFilters":[...]}};
 *   </li>
 *   <li>{@code DELETE /v1/subscription-filters/{name}?logGroupName=G}: 204, or 404.</li>
 * </ul>
 */
final class SubscriptionFilterRoutes implements ApiRoutes {

    static final String PATH = "/v1/subscription-filters";
    private static final String GROUP = "logGroupName";
    private static final DefinitionShapes.Shape PUT_BODY = DefinitionShapes.object("a PutSubscriptionFilter request",
        DefinitionShapes.optional(GROUP, DefinitionShapes.STRING),
        DefinitionShapes.optional("filterPattern", DefinitionShapes.STRING),
        DefinitionShapes.optional("destinationArn", DefinitionShapes.STRING),
        DefinitionShapes.optional("distribution", DefinitionShapes.STRING));

    private final SubscriptionFilters filters;

    SubscriptionFilterRoutes(final SubscriptionFilters filters) {
        this.filters = filters;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.put(PATH + "/{name}", this::put);
        routes.get(PATH, this::describe);
        routes.delete(PATH + "/{name}", this::delete);
    }

    private void put(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final ObjectNode body = RequestBodies.object(ctx.body(), PUT_BODY);
        ctx.status(HttpStatus.OK).contentType("application/json").result(SubscriptionFilterJson.describe(
            filters.put(RequestBodies.text(body, GROUP), ctx.pathParam("name"),
                RequestBodies.text(body, "filterPattern"), RequestBodies.text(body, "destinationArn"),
                RequestBodies.text(body, "distribution"))).toString());
    }

    private void describe(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(GROUP, "filterNamePrefix"));
        ctx.contentType("application/json").result(SubscriptionFilterJson.list(filters.describe(
            ctx.queryParam(GROUP), ctx.queryParam("filterNamePrefix"))).toString());
    }

    private void delete(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(GROUP));
        filters.delete(ctx.queryParam(GROUP), ctx.pathParam("name"));
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
