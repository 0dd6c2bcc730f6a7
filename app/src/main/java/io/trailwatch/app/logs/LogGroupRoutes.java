package io.trailwatch.app.logs;

import io.javalin.config.RoutesConfig;
import io.trailwatch.app.http.ApiRoutes;
import java.util.Set;

/**
 * Log groups and their streams over HTTP, with CloudWatch Logs' member names as query parameters and its answers'
 * shapes, answered by the same operations as AWS's protocol (what the console's Logs page lists):
 * <ul>
 *   <li>{@code GET /v1/log-groups[?logGroupNamePrefix=|logGroupNamePattern=][&limit=&nextToken=]}:
 *       DescribeLogGroups;</li>
 *   <li>{@code GET /v1/log-streams?logGroupName=G[&logStreamNamePrefix=&orderBy=&descending=&limit=&nextToken=]}:
 *       DescribeLogStreams.</li>
 * </ul>
 */
final class LogGroupRoutes implements ApiRoutes {

    private static final Set<String> GROUP_PARAMETERS = Set.of("logGroupNamePrefix", "logGroupNamePattern", "limit",
        "nextToken");
    private static final Set<String> STREAM_PARAMETERS = Set.of("logGroupName", "logStreamNamePrefix", "orderBy",
        "descending", "limit", "nextToken");

    private final LogsAwsOperations operations;

    LogGroupRoutes(final LogsAwsOperations operations) {
        this.operations = operations;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/log-groups", ctx -> LogEventRoutes.json(ctx, operations.describeLogGroups(
            LogEventRoutes.request(ctx.queryParamMap(), GROUP_PARAMETERS)).toString()));
        routes.get("/v1/log-streams", ctx -> LogEventRoutes.json(ctx, operations.describeLogStreams(
            LogEventRoutes.request(ctx.queryParamMap(), STREAM_PARAMETERS)).toString()));
    }
}
