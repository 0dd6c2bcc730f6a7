package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Set;

/**
 * Event rules over HTTP ({@link Rules}), with EventBridge's field names:
 * <ul>
 *   <li>{@code PUT /v1/rules/{name}}: body {@code {EventPattern, TargetTopic[, State, Description]}} (the pattern
 *   as text or as a JSON object); 200 {@code {"RuleArn"}}; 400 naming the field, with event-ruler's reason when it
 *   rejects the pattern. The target topic is created when missing;</li>
 *   <li>{@code GET /v1/rules[?namePrefix=]}: {@code {"Rules":[...]}}; {@code GET /v1/rules/{name}}: DescribeRule's
 *   fields, or 404;</li>
 *   <li>{@code DELETE /v1/rules/{name}}: 204, or 404.</li>
 * </ul>
 * A query parameter or body field other than these is a 400 naming it.
 */
public final class RuleRoutes implements ApiRoutes {

    private static final String PATH = "/v1/rules";
    private static final String NAME_PREFIX = "namePrefix";
    private static final String TARGET_TOPIC = "TargetTopic";

    private final Rules rules;
    private final RuleJson json;

    public RuleRoutes(final Rules rules, final RuleJson json) {
        this.rules = rules;
        this.json = json;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.put(PATH + "/{name}", this::put);
        routes.get(PATH, this::list);
        routes.get(PATH + "/{name}", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            Responses.json(ctx, HttpStatus.OK, json.describeWithTargetTopic(rules.existing(ctx.pathParam("name"))));
        });
        routes.delete(PATH + "/{name}", this::delete);
    }

    private void put(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final String name = ctx.pathParam("name");
        final ObjectNode body = RequestBodies.withName(RequestBodies.object(ctx.body()), "Name", name);
        // This API's rule has its one target, named in the body, not added later as EventBridge's PutTargets does.
        if (!body.hasNonNull(TARGET_TOPIC)) {
            throw new InvalidRecordException(TARGET_TOPIC, "is required");
        }
        rules.put(body);
        Responses.json(ctx, HttpStatus.OK, Definitions.MAPPER.createObjectNode().put("RuleArn", json.arn(name)));
    }

    private void list(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(NAME_PREFIX));
        final ObjectNode body = Definitions.MAPPER.createObjectNode();
        final var list = body.putArray("Rules");
        rules.list(ctx.queryParam(NAME_PREFIX)).forEach(rule -> list.add(json.describeWithTargetTopic(rule)));
        Responses.json(ctx, HttpStatus.OK, body);
    }

    private void delete(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        rules.delete(ctx.pathParam("name"), true);
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
