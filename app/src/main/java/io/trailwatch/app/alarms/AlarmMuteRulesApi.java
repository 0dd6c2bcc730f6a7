package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.processors.config.Definitions;
import java.util.Set;

/**
 * The alarm mute rule endpoints: PutAlarmMuteRule ({@code PUT /v1/alarm-mute-rules/{name}}), ListAlarmMuteRules
 * ({@code GET /v1/alarm-mute-rules}), GetAlarmMuteRule ({@code GET /v1/alarm-mute-rules/{name}}) and
 * DeleteAlarmMuteRule ({@code DELETE /v1/alarm-mute-rules/{name}}), answered by {@link AlarmMuteRules}.
 */
final class AlarmMuteRulesApi implements ApiRoutes {

    private final AlarmMuteRules muteRules;

    AlarmMuteRulesApi(final AlarmMuteRules muteRules) {
        this.muteRules = muteRules;
    }

    @Override
    public void register(final RoutesConfig routes) {
        // None of these takes a query parameter but the list's AlarmName.
        routes.put("/v1/alarm-mute-rules/{name}", noParameters(this::put));
        // ListAlarmMuteRules' AlarmName: the rules that mute one alarm (what its console page shows).
        routes.get("/v1/alarm-mute-rules", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of("AlarmName"));
            json(ctx, muteRules.list(AlarmMuteRules.Listing.ALL.forAlarm(ctx.queryParam("AlarmName"))));
        });
        routes.get("/v1/alarm-mute-rules/{name}", noParameters(ctx -> json(ctx, muteRules.get(
            ctx.pathParam("name")))));
        routes.delete("/v1/alarm-mute-rules/{name}", noParameters(this::delete));
    }

    private static Handler noParameters(final Handler handler) {
        return ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            handler.handle(ctx);
        };
    }

    private void put(final Context ctx) {
        final ObjectNode body = RequestBodies.withName(RequestBodies.object(ctx.body()), "Name", ctx.pathParam("name"));
        json(ctx, Definitions.MAPPER.createObjectNode().put("AlarmMuteRuleArn", muteRules.put(body)));
    }

    private void delete(final Context ctx) {
        final String name = ctx.pathParam("name");
        if (!muteRules.delete(name)) {
            throw new ApiErrors.NotFound("alarm mute rule '" + name + "' does not exist");
        }
        ctx.contentType("application/json").result("{}");
    }

    private static void json(final Context ctx, final ObjectNode body) {
        ctx.contentType("application/json").result(body.toString());
    }
}
