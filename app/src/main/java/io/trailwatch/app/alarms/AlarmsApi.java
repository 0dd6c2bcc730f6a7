package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.config.Definitions;
import java.util.List;
import java.util.Set;

/**
 * The alarm endpoints: PutMetricAlarm and PutCompositeAlarm ({@code PUT /v1/alarms/{name}}), DescribeAlarms
 * ({@code GET /v1/alarms}), DeleteAlarms ({@code DELETE /v1/alarms/{name}}), SetAlarmState
 * ({@code POST /v1/alarms/{name}/state}) and DescribeAlarmHistory ({@code GET /v1/alarms/{name}/history}), with
 * AWS's field names in bodies and query parameters; each answered by the {@link AlarmService}.
 */
final class AlarmsApi implements ApiRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SetAlarmState's body: these fields only (the alarm is named by the path), all strings. */
    static final DefinitionShapes.Shape SET_ALARM_STATE = DefinitionShapes.object("a SetAlarmState request",
        DefinitionShapes.optional("StateValue", DefinitionShapes.STRING),
        DefinitionShapes.optional("StateReason", DefinitionShapes.STRING),
        DefinitionShapes.optional("StateReasonData", DefinitionShapes.STRING));

    private final AlarmService alarms;
    private final AlarmStatesView states;
    private final AlarmHistoryReader history;

    AlarmsApi(final AlarmService alarms, final AlarmStatesView states, final AlarmHistoryReader history) {
        this.alarms = alarms;
        this.states = states;
        this.history = history;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.put("/v1/alarms/{name}", this::put);
        routes.get("/v1/alarms", ctx -> json(ctx, alarms.describe(DescribeAlarmsRequest.of(ctx.queryParamMap()))
            .toString()));
        routes.delete("/v1/alarms/{name}", this::delete);
        routes.post("/v1/alarms/{name}/state", this::setState);
        routes.get("/v1/alarms/{name}/history", ctx -> json(ctx, history.describe(ctx.pathParam("name"),
            ctx.queryParamMap())));
        // DescribeAlarmHistory without AlarmName: every alarm's, gathered from every instance.
        routes.get("/v1/alarm-history", ctx -> json(ctx, history.describe(null, ctx.queryParamMap())));
        routes.get(AlarmHistoryReader.ALL_ALARMS_PATH, ctx -> json(ctx, history.describe(null,
            ctx.queryParamMap())));
        routes.get(AlarmStatesView.INTERNAL_PATH, ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            json(ctx, AlarmStatesView.write(states.local()));
        });
    }

    /** A metric alarm, or a composite one when the body has an AlarmRule. */
    private void put(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final String name = ctx.pathParam("name");
        final ObjectNode body = RequestBodies.withName(RequestBodies.object(ctx.body()), "AlarmName", name);
        final DefinitionKind kind = Definitions.field(body, "AlarmRule") != null
            ? DefinitionKind.COMPOSITE_ALARM : DefinitionKind.METRIC_ALARM;
        alarms.put(kind, body);
        json(ctx, JSON.createObjectNode().put("AlarmName", name).put("AlarmType", AlarmService.typeOf(kind))
            .toString());
    }

    /** DeleteAlarms of the one alarm the path names. */
    private void delete(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        alarms.delete(List.of(ctx.pathParam("name")));
        json(ctx, "{}");
    }

    private void setState(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final ObjectNode body = RequestBodies.object(ctx.body(), SET_ALARM_STATE);
        alarms.setState(ctx.pathParam("name"), RequestBodies.text(body, "StateValue"),
            RequestBodies.text(body, "StateReason"), RequestBodies.text(body, "StateReasonData"));
        json(ctx, "{}");
    }

    private static void json(final Context ctx, final String body) {
        ctx.contentType("application/json").result(body);
    }
}
