package io.trailwatch.app.notify;

import static io.trailwatch.processors.config.DefinitionShapes.BOOLEAN;
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
 * Notification topics over HTTP, with SNS's member names, answered by the SNS operations' own handlers
 * ({@link SnsOperations}):
 * <ul>
 *   <li>{@code PUT /v1/topics/{name}} (body optional: {@code {"Attributes":{"DisplayName":...}}}): CreateTopic,
 *   200 {@code {"TopicArn"}}; {@code GET /v1/topics[?NextToken=]}: ListTopics; {@code DELETE /v1/topics/{name}}:
 *   DeleteTopic and its subscriptions, 204;</li>
 *   <li>{@code POST /v1/topics/{name}/subscriptions} ({@code {"Protocol","Endpoint"}}): Subscribe, 200
 *   {@code {"SubscriptionArn"}}; {@code POST /v1/topics/{name}/subscriptions/confirmations} ({@code {"Token"}}):
 *   ConfirmSubscription; {@code GET /v1/topics/{name}/subscriptions}: ListSubscriptionsByTopic;
 *   {@code DELETE /v1/topics/{name}/subscriptions/{id}}: Unsubscribe, 204, or 404.</li>
 * </ul>
 * A field or query parameter other than these is a 400 naming it.
 */
public final class TopicRoutes implements ApiRoutes {

    static final String PATH = "/v1/topics";
    private static final String NEXT_TOKEN = "NextToken";
    private static final DefinitionShapes.Shape CREATE = object("CreateTopic's body",
        optional("Attributes", object("a topic's Attributes", optional("DisplayName", STRING))));
    private static final DefinitionShapes.Shape SUBSCRIBE = object("Subscribe's body",
        optional("Protocol", STRING), optional("Endpoint", STRING), optional("ReturnSubscriptionArn", BOOLEAN),
        optional("Attributes", object("a subscription's Attributes",
            optional(SnsOperations.CONFIRMATION_REQUIRED, STRING))));
    private static final DefinitionShapes.Shape CONFIRM = object("ConfirmSubscription's body",
        optional("Token", STRING));

    private final SnsOperations sns;
    private final TopicArns arns;

    public TopicRoutes(final SnsOperations sns, final TopicArns arns) {
        this.sns = sns;
        this.arns = arns;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.put(PATH + "/{name}", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            final ObjectNode input = RequestBodies.object(ctx.body(), CREATE).put("Name", ctx.pathParam("name"));
            json(ctx, sns.createTopic(input));
        });
        routes.get(PATH, ctx -> json(ctx, sns.listTopics(paged(ctx))));
        routes.delete(PATH + "/{name}", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            sns.deleteTopic(topic(ctx, Definitions.MAPPER.createObjectNode()));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.post(PATH + "/{name}/subscriptions", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            json(ctx, sns.subscribe(topic(ctx, RequestBodies.object(ctx.body(), SUBSCRIBE))));
        });
        routes.post(PATH + "/{name}/subscriptions/confirmations", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            json(ctx, sns.confirmSubscription(topic(ctx, RequestBodies.object(ctx.body(), CONFIRM))));
        });
        routes.get(PATH + "/{name}/subscriptions", ctx -> json(ctx, sns.listSubscriptionsByTopic(topic(ctx,
            paged(ctx)))));
        routes.delete(PATH + "/{name}/subscriptions/{id}", ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            sns.unsubscribe(Definitions.MAPPER.createObjectNode().put(SnsOperations.SUBSCRIPTION_ARN,
                arns.subscription(ctx.pathParam("name"), ctx.pathParam("id"))));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    /** The input with the path's topic as its TopicArn. */
    private ObjectNode topic(final Context ctx, final ObjectNode input) {
        return input.put(SnsOperations.TOPIC_ARN, arns.topic(ctx.pathParam("name")));
    }

    private static ObjectNode paged(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(NEXT_TOKEN));
        final ObjectNode input = Definitions.MAPPER.createObjectNode();
        final String token = ctx.queryParam(NEXT_TOKEN);
        return token == null ? input : input.put(NEXT_TOKEN, token);
    }

    private static void json(final Context ctx, final JsonNode body) {
        ctx.status(HttpStatus.OK).contentType("application/json").result(body.toString());
    }
}
