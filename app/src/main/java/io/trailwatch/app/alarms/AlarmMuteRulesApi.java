package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.processors.alarm.mute.MuteRule;
import io.trailwatch.processors.config.ConfigFile;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.AlarmArns;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;

/**
 * The alarm mute rule endpoints: PutAlarmMuteRule ({@code PUT /v1/alarm-mute-rules/{name}}), ListAlarmMuteRules
 * ({@code GET /v1/alarm-mute-rules}), GetAlarmMuteRule ({@code GET /v1/alarm-mute-rules/{name}}) and
 * DeleteAlarmMuteRule ({@code DELETE /v1/alarm-mute-rules/{name}}).
 */
final class AlarmMuteRulesApi implements ApiRoutes {

    private final AlarmDefinitionsView definitions;
    private final AlarmWrites writes;

    AlarmMuteRulesApi(final AlarmDefinitionsView definitions, final AlarmWrites writes) {
        this.definitions = definitions;
        this.writes = writes;
    }

    @Override
    public void register(final RoutesConfig routes) {
        // None of these takes a query parameter.
        routes.put("/v1/alarm-mute-rules/{name}", noParameters(this::put));
        routes.get("/v1/alarm-mute-rules", noParameters(this::list));
        routes.get("/v1/alarm-mute-rules/{name}", noParameters(this::get));
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
        writes.put(ConfigFile.request(DefinitionKind.ALARM_MUTE_RULE, body));
        json(ctx, Definitions.MAPPER.createObjectNode().put("AlarmMuteRuleArn",
            AlarmArns.ofMuteRule(ctx.pathParam("name"))));
    }

    private void list(final Context ctx) {
        final ObjectNode body = Definitions.MAPPER.createObjectNode();
        final ArrayNode summaries = body.putArray("AlarmMuteRuleSummaries");
        final Instant now = Instant.now();
        definitions.muteRules().stream()
            .sorted(Comparator.comparing(entry -> entry.definition().name()))
            .forEach(entry -> {
                final MuteRule rule = entry.definition().validate();
                final ObjectNode summary = summaries.addObject()
                    .put("Name", rule.name())
                    .put("AlarmMuteRuleArn", AlarmArns.ofMuteRule(rule.name()));
                if (entry.definition().expireDate() != null) {
                    summary.put("ExpireDate", entry.definition().expireDate());
                }
                summary.put("Status", rule.status(now)).put("MuteType", rule.muteType())
                    .put("LastUpdatedTimestamp", entry.updatedAt().toString());
            });
        json(ctx, body);
    }

    private void get(final Context ctx) {
        final String name = ctx.pathParam("name");
        final AlarmDefinitionsView.MuteRuleEntry entry = definitions.muteRules().stream()
            .filter(candidate -> candidate.definition().name().equals(name)).findFirst()
            .orElseThrow(() -> new ApiErrors.NotFound("alarm mute rule '" + name + "' does not exist"));
        final MuteRule rule = entry.definition().validate();
        final ObjectNode body = Definitions.MAPPER.valueToTree(entry.definition());
        body.put("AlarmMuteRuleArn", AlarmArns.ofMuteRule(name))
            .put("Status", rule.status(Instant.now()))
            .put("MuteType", rule.muteType())
            .put("LastUpdatedTimestamp", entry.updatedAt().toString());
        json(ctx, body);
    }

    private void delete(final Context ctx) {
        final String name = ctx.pathParam("name");
        if (!writes.delete(DefinitionKind.ALARM_MUTE_RULE, name)) {
            throw new ApiErrors.NotFound("alarm mute rule '" + name + "' does not exist");
        }
        ctx.contentType("application/json").result("{}");
    }

    private static void json(final Context ctx, final ObjectNode body) {
        ctx.contentType("application/json").result(body.toString());
    }
}
