package io.trailwatch.app.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import java.util.List;
import java.util.Set;

/**
 * The dashboard endpoints: ListDashboards ({@code GET /v1/dashboards?dashboardNamePrefix=&nextToken=}), GetDashboard
 * ({@code GET /v1/dashboards/{name}}), PutDashboard ({@code PUT /v1/dashboards/{name}} with
 * {@code {"DashboardBody": "<JSON text>"}}) and DeleteDashboards of one ({@code DELETE /v1/dashboards/{name}}),
 * answered by {@link Dashboards} in CloudWatch's shapes. A refused body is a 400 {@code InvalidParameterInput} with
 * its {@code DashboardValidationMessages}.
 */
public final class DashboardRoutes implements ApiRoutes {

    private static final String PREFIX = "dashboardNamePrefix";
    private static final String NEXT_TOKEN = "nextToken";

    private final Dashboards dashboards;

    public DashboardRoutes(final Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/dashboards", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of(PREFIX, NEXT_TOKEN));
            json(ctx, dashboards.list(ctx.queryParam(PREFIX), ctx.queryParam(NEXT_TOKEN)));
        });
        routes.get("/v1/dashboards/{name}", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            json(ctx, dashboards.get(ctx.pathParam("name")));
        });
        routes.put("/v1/dashboards/{name}", this::put);
        routes.delete("/v1/dashboards/{name}", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            dashboards.delete(List.of(ctx.pathParam("name")));
            ctx.contentType("application/json").result("{}");
        });
    }

    private void put(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final ObjectNode request = RequestBodies.withName(RequestBodies.object(ctx.body()), "DashboardName",
            ctx.pathParam("name"));
        final String body = RequestBodies.text(request, "DashboardBody");
        if (body == null) {
            throw new ApiErrors.BadRequest("DashboardBody", "is required");
        }
        final ObjectNode answer = JsonNodeFactory.instance.objectNode();
        final ArrayNode messages = answer.putArray("DashboardValidationMessages");
        try {
            dashboards.put(ctx.pathParam("name"), body).forEach(message -> messages.add(message.toJson()));
        } catch (final DashboardInvalidInput invalid) {
            // Recorded as the native API's errors are (the trail's errorCode), then answered with every message.
            ApiErrors.respond(ctx, HttpStatus.BAD_REQUEST, DashboardInvalidInput.CODE, "DashboardBody",
                invalid.getMessage());
            final ObjectNode error = JsonNodeFactory.instance.objectNode().put("error", DashboardInvalidInput.CODE)
                .put("field", "DashboardBody").put("message", invalid.getMessage());
            error.set("DashboardValidationMessages", invalid.messagesJson());
            ctx.result(error.toString());
            return;
        }
        json(ctx, answer);
    }

    private static void json(final Context ctx, final ObjectNode body) {
        ctx.contentType("application/json").result(body.toString());
    }
}
