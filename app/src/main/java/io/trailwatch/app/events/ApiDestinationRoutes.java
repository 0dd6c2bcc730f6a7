package io.trailwatch.app.events;

import static io.trailwatch.processors.config.DefinitionShapes.INTEGER;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.config.Definitions;
import java.util.Set;

/**
 * Connections and API destinations over HTTP, with EventBridge's member names, answered by the EventBridge
 * operations' own handlers ({@link ApiDestinationAwsOperations}):
 * <ul>
 *   <li>{@code PUT /v1/connections/{name}} (CreateConnection's body without Name), {@code GET
 *   /v1/connections[?NamePrefix=&NextToken=]}, {@code GET /v1/connections/{name}} (never a secret),
 *   {@code DELETE /v1/connections/{name}} (204);</li>
 *   <li>{@code PUT /v1/api-destinations/{name}} (CreateApiDestination's body without Name), {@code GET
 *   /v1/api-destinations[?NamePrefix=&ConnectionArn=&NextToken=]}, {@code GET /v1/api-destinations/{name}},
 *   {@code DELETE /v1/api-destinations/{name}} (204).</li>
 * </ul>
 */
public final class ApiDestinationRoutes implements ApiRoutes {

    static final String CONNECTIONS = "/v1/connections";
    static final String DESTINATIONS = "/v1/api-destinations";
    private static final DefinitionShapes.Shape CONNECTION = object("CreateConnection's body",
        optional("AuthorizationType", STRING), optional("Description", STRING),
        optional("AuthParameters", object("a connection's AuthParameters",
            optional("ApiKeyAuthParameters", object("ApiKeyAuthParameters", optional("ApiKeyName", STRING),
                optional("ApiKeyValue", STRING))),
            optional("BasicAuthParameters", object("BasicAuthParameters", optional("Username", STRING),
                optional("Password", STRING))),
            optional("OAuthParameters", object("OAuthParameters", optional("AuthorizationEndpoint", STRING),
                optional("HttpMethod", STRING), optional("ClientParameters", object("ClientParameters",
                    optional("ClientID", STRING), optional("ClientSecret", STRING))))))));
    private static final DefinitionShapes.Shape DESTINATION = object("CreateApiDestination's body",
        optional("ConnectionArn", STRING), optional("InvocationEndpoint", STRING), optional("HttpMethod", STRING),
        optional("InvocationRateLimitPerSecond", INTEGER), optional("Description", STRING));

    private final ApiDestinationAwsOperations operations;

    public ApiDestinationRoutes(final ApiDestinationAwsOperations operations) {
        this.operations = operations;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.put(CONNECTIONS + "/{name}", ctx -> json(ctx, operations.createConnection(body(ctx, CONNECTION))));
        routes.get(CONNECTIONS, ctx -> json(ctx, operations.listConnections(query(ctx, "NamePrefix"))));
        routes.get(CONNECTIONS + "/{name}", ctx -> json(ctx, operations.describeConnection(named(ctx))));
        routes.delete(CONNECTIONS + "/{name}", ctx -> {
            operations.deleteConnection(named(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.put(DESTINATIONS + "/{name}", ctx -> json(ctx, operations.createApiDestination(body(ctx,
            DESTINATION))));
        routes.get(DESTINATIONS, ctx -> json(ctx, operations.listApiDestinations(query(ctx, "NamePrefix",
            "ConnectionArn"))));
        routes.get(DESTINATIONS + "/{name}", ctx -> json(ctx, operations.describeApiDestination(named(ctx))));
        routes.delete(DESTINATIONS + "/{name}", ctx -> {
            operations.deleteApiDestination(named(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private static ObjectNode body(final Context ctx, final DefinitionShapes.Shape shape) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        return RequestBodies.object(ctx.body(), shape).put("Name", ctx.pathParam("name"));
    }

    private static ObjectNode named(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        return Definitions.MAPPER.createObjectNode().put("Name", ctx.pathParam("name"));
    }

    /** The query's parameters (these and NextToken) as the operation's input. */
    private static ObjectNode query(final Context ctx, final String... allowed) {
        final Set<String> names = new java.util.HashSet<>(Set.of(allowed));
        names.add("NextToken");
        QueryString.allowOnly(ctx.queryParamMap(), names);
        final ObjectNode input = Definitions.MAPPER.createObjectNode();
        names.forEach(name -> {
            final String value = ctx.queryParam(name);
            if (value != null) {
                input.put(name, value);
            }
        });
        return input;
    }

    private static void json(final Context ctx, final JsonNode body) {
        ctx.status(HttpStatus.OK).contentType("application/json").result(body.toString());
    }
}
