package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.config.Definitions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kept log events over HTTP, with CloudWatch Logs' member names as query parameters and its answers' shapes:
 * <ul>
 *   <li>{@code GET /v1/log-events?logGroupName=G&logStreamName=S[&startTime=&endTime=&startFromHead=&limit=
 *       &nextToken=]}: GetLogEvents;</li>
 *   <li>{@code GET /v1/log-events/filter?logGroupName=G[&logStreamNames=S...|&logStreamNamePrefix=P][&startTime=
 *       &endTime=&filterPattern=&limit=&nextToken=]}: FilterLogEvents ({@code logGroupIdentifier} instead of
 *       {@code logGroupName} in both);</li>
 *   <li>the internal routes of {@link LogStoreRouter}, which other instances call for their part.</li>
 * </ul>
 */
final class LogEventRoutes implements ApiRoutes {

    private static final Set<String> NUMBERS = Set.of("startTime", "endTime", "limit", "maxResults");
    private static final Set<String> BOOLEANS = Set.of("startFromHead", "unmask", "descending");
    private static final Set<String> LISTS = Set.of("logStreamNames");
    private static final Set<String> GET_PARAMETERS = Set.of("logGroupName", "logGroupIdentifier", "logStreamName",
        "startTime", "endTime", "startFromHead", "limit", "nextToken");
    private static final Set<String> FILTER_PARAMETERS = Set.of("logGroupName", "logGroupIdentifier",
        "logStreamNames", "logStreamNamePrefix", "startTime", "endTime", "filterPattern", "limit", "nextToken",
        "unmask");

    private final LogEventsService reads;
    private final LogStoreRouter store;

    LogEventRoutes(final LogEventsService reads, final LogStoreRouter store) {
        this.reads = reads;
        this.store = store;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/log-events", ctx -> json(ctx, reads.getLogEvents(input(ctx.queryParamMap(),
            GET_PARAMETERS)).toString()));
        routes.get("/v1/log-events/filter", ctx -> json(ctx, reads.filterLogEvents(input(ctx.queryParamMap(),
            FILTER_PARAMETERS)).toString()));
        routes.get(LogStoreRouter.READ_PATH, ctx -> json(ctx, store.readHere(ctx.queryParamMap())));
        routes.get(LogStoreRouter.FILTER_PATH, ctx -> json(ctx, store.filterHere(ctx.queryParamMap())));
        routes.get(LogStoreRouter.STREAMS_PATH, ctx -> json(ctx, store.streamsHere(ctx.queryParamMap())));
    }

    /** The query parameters as the request structure AWS's protocol would give the service. */
    static AwsInput input(final Map<String, List<String>> parameters, final Set<String> allowed) {
        return AwsInput.of(request(parameters, allowed));
    }

    /** The query parameters as the JSON request AWS's protocol would carry. */
    static ObjectNode request(final Map<String, List<String>> parameters, final Set<String> allowed) {
        QueryString.allowOnly(parameters, allowed);
        final ObjectNode input = Definitions.MAPPER.createObjectNode();
        parameters.forEach((name, values) -> {
            if (QueryString.AUTHENTICATION.contains(name) || QueryString.isStray(name, values)) {
                return;
            }
            if (LISTS.contains(name)) {
                values.forEach(input.putArray(name)::add);
                return;
            }
            if (values.size() != 1) {
                throw new ApiErrors.BadRequest(name, "may be given once");
            }
            final String value = values.get(0);
            if (NUMBERS.contains(name)) {
                try {
                    input.put(name, Long.parseLong(value));
                } catch (final NumberFormatException e) {
                    throw new ApiErrors.BadRequest(name, "must be an integer, was '" + value + "'");
                }
            } else if (BOOLEANS.contains(name)) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new ApiErrors.BadRequest(name, "must be true or false, was '" + value + "'");
                }
                input.put(name, Boolean.parseBoolean(value));
            } else {
                input.put(name, value);
            }
        });
        return input;
    }

    static void json(final Context ctx, final String body) {
        ctx.contentType("application/json").result(body);
    }
}
