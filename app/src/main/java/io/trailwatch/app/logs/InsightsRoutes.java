package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.config.Definitions;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Logs Insights over HTTP, in GetQueryResults' shapes (the console's contract):
 * <ul>
 *   <li>{@code POST /v1/queries} {@code {logGroupNames, startTime, endTime, queryString, limit}} (times in epoch
 *       seconds, as StartQuery) answers {@code {queryId}};</li>
 *   <li>{@code GET /v1/queries/{queryId}}: GetQueryResults; {@code DELETE /v1/queries/{queryId}}: StopQuery;</li>
 *   <li>{@code GET /v1/queries[?logGroupName=&status=&maxResults=]}: DescribeQueries;</li>
 *   <li>the internal route of {@link InsightsRouter}, which other instances call for their part, and those of
 *       {@link QueryHomes}, which they call about the queries this instance started.</li>
 * </ul>
 */
final class InsightsRoutes implements ApiRoutes {

    private static final Set<String> DESCRIBE_PARAMETERS = Set.of("logGroupName", "status", "maxResults");
    private static final Set<String> START_MEMBERS = Set.of("logGroupName", "logGroupNames", "logGroupIdentifiers",
        "startTime", "endTime", "queryString", "limit", "queryLanguage");

    private final InsightsQueries queries;
    private final InsightsRouter router;

    InsightsRoutes(final InsightsQueries queries, final InsightsRouter router) {
        this.queries = queries;
        this.router = router;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.post("/v1/queries", ctx -> json(ctx, queries.start(startInput(ctx), caller(ctx))));
        routes.get("/v1/queries", ctx -> json(ctx, queries.describe(LogEventRoutes.input(ctx.queryParamMap(),
            DESCRIBE_PARAMETERS), caller(ctx))));
        routes.get("/v1/queries/{queryId}", ctx -> json(ctx, queries.results(id(ctx), caller(ctx))));
        routes.delete("/v1/queries/{queryId}", ctx -> json(ctx, queries.stop(id(ctx), caller(ctx))));
        routes.get(InsightsRouter.PATH, ctx -> ctx.contentType("application/json")
            .result(router.runHere(ctx.queryParamMap())));
        routes.get(QueryHomes.RESULTS_PATH, ctx -> internal(ctx, queries::resultsHere));
        routes.post(QueryHomes.STOP_PATH, ctx -> internal(ctx, queries::stopHere));
        routes.get(QueryHomes.LIST_PATH, ctx -> {
            final Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
            final String caller = QueryHomes.one(parameters, QueryHomes.CALLER);
            parameters.remove(QueryHomes.CALLER);
            ctx.contentType("application/json").result(queries.describeHere(QueryFilter.of(LogEventRoutes.input(
                parameters, DESCRIBE_PARAMETERS)), caller).toString());
        });
    }

    /** Another instance's question about one query of a caller, which this instance started. */
    private static void internal(final Context ctx, final BiFunction<String, String, Optional<ObjectNode>> answer) {
        final Map<String, List<String>> parameters = ctx.queryParamMap();
        QueryString.allowOnly(parameters, Set.of(QueryHomes.QUERY_ID, QueryHomes.CALLER));
        ctx.contentType("application/json").result(QueryHomes.body(answer.apply(
            QueryHomes.one(parameters, QueryHomes.QUERY_ID), QueryHomes.one(parameters, QueryHomes.CALLER))));
    }

    private static AwsInput startInput(final Context ctx) {
        final JsonNode body;
        try {
            body = Definitions.MAPPER.readTree(ctx.body());
        } catch (final IOException e) {
            throw new ApiErrors.BadRequest(null, "the body must be a JSON object");
        }
        if (body == null || !body.isObject()) {
            throw new ApiErrors.BadRequest(null, "the body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!START_MEMBERS.contains(name)) {
                throw new ApiErrors.BadRequest(name, "is not a member of StartQuery");
            }
        });
        return AwsInput.of(body);
    }

    private static String caller(final Context ctx) {
        return AccessControl.callerArn(ctx).orElseThrow(() -> new IllegalStateException("no admitted caller"));
    }

    private static AwsInput id(final Context ctx) {
        final ObjectNode input = Definitions.MAPPER.createObjectNode().put("queryId", ctx.pathParam("queryId"));
        return AwsInput.of(input);
    }

    private static void json(final Context ctx, final ObjectNode body) {
        ctx.contentType("application/json").result(body.toString());
    }
}
