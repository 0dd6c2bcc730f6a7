package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.ConfigFile;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.rules.RuleDefinition;
import java.util.Set;

/**
 * Event rules over HTTP, with EventBridge's field names:
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

    private final DefinitionStore definitions;
    private final TargetTopics topics;
    private final RuleJson json;

    public RuleRoutes(final DefinitionStore definitions, final TargetTopics topics, final RuleJson json) {
        this.definitions = definitions;
        this.topics = topics;
        this.json = json;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.put(PATH + "/{name}", this::put);
        routes.get(PATH, this::list);
        routes.get(PATH + "/{name}", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            Responses.json(ctx, HttpStatus.OK, json.describe(existing(ctx)));
        });
        routes.delete(PATH + "/{name}", this::delete);
    }

    private void put(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final String name = ctx.pathParam("name");
        final ObjectNode body = RequestBodies.withName(RequestBodies.object(ctx.body()), "Name", name);
        final ConfigFile.Entry entry = ConfigFile.request(DefinitionKind.RULE, body);
        topics.ensure(Definitions.fromJson(entry.definitionJson(), RuleDefinition.class).targetTopic());
        definitions.put(entry);
        Responses.json(ctx, HttpStatus.OK, Definitions.MAPPER.createObjectNode().put("RuleArn", json.arn(name)));
    }

    private void list(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(NAME_PREFIX));
        final String prefix = ctx.queryParam(NAME_PREFIX);
        final ObjectNode body = Definitions.MAPPER.createObjectNode();
        final var rules = body.putArray("Rules");
        for (final ConfigEntry entry : definitions.list(DefinitionKind.RULE)) {
            if (prefix == null || entry.getName().startsWith(prefix)) {
                rules.add(json.describe(entry));
            }
        }
        Responses.json(ctx, HttpStatus.OK, body);
    }

    private void delete(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final String name = ctx.pathParam("name");
        if (!definitions.delete(DefinitionKind.RULE, name)) {
            throw notFound(name);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private ConfigEntry existing(final Context ctx) {
        final String name = ctx.pathParam("name");
        return definitions.get(DefinitionKind.RULE, name).orElseThrow(() -> notFound(name));
    }

    private static ApiErrors.NotFound notFound(final String name) {
        return new ApiErrors.NotFound("ResourceNotFoundException: Rule " + name
            + " does not exist on EventBus default.");
    }
}
