package io.trailwatch.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.metrics.query.MetricFilter;
import io.trailwatch.processors.metrics.query.MetricQueries;
import io.trailwatch.processors.metrics.query.StatisticsQuery;
import java.util.Set;

/**
 * {@code GET /v1/metrics/statistics} (GetMetricStatistics) and {@code GET /v1/metrics} (ListMetrics). Parameters
 * are named as the API's, in camelCase: namespace, metricName, dimensions (repeated Name=Value), startTime, endTime,
 * period, statistics, extendedStatistics, unit; nextToken for ListMetrics. Any other parameter is a 400 naming it;
 * {@code local=true} is what one instance adds when it asks another for its own part.
 */
public final class MetricRoutes implements ApiRoutes {

    private static final String LOCAL = "local";
    private static final String NEXT_TOKEN = "nextToken";
    private static final String JSON = "application/json";
    static final Set<String> STATISTICS_PARAMETERS = Set.of("namespace", "metricName", "dimensions", "startTime",
        "endTime", "period", "statistics", "extendedStatistics", "unit", LOCAL);
    static final Set<String> LIST_PARAMETERS = Set.of("namespace", "metricName", "dimensions", NEXT_TOKEN, LOCAL);

    private final MetricQueries queries;

    public MetricRoutes(final MetricQueries queries) {
        this.queries = queries;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/metrics/statistics", this::statistics);
        routes.get("/v1/metrics", this::list);
    }

    private void statistics(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), STATISTICS_PARAMETERS);
        final StatisticsQuery query = StatisticsQuery.parse(ctx.queryParamMap());
        ctx.contentType(JSON).result(queries.getMetricStatistics(query, "true".equals(ctx.queryParam(LOCAL)))
            .toString());
    }

    private void list(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), LIST_PARAMETERS);
        final MetricFilter filter = MetricFilter.parse(ctx.queryParamMap());
        final String nextToken = nextToken(ctx.queryParam(NEXT_TOKEN));
        ctx.contentType(JSON).result(queries.listMetrics(filter, nextToken, "true".equals(ctx.queryParam(LOCAL)))
            .toString());
    }

    /**
     * ListMetrics' NextToken is the identity key of the last metric of the previous page: anything that is not a
     * metric key is a 400 (not an empty or first page).
     */
    static String nextToken(final String token) {
        if (token == null) {
            return null;
        }
        try {
            MetricIdentity.parseKey(token);
            return token;
        } catch (final RuntimeException notAKey) {
            throw new ApiErrors.BadRequest(NEXT_TOKEN, "cannot be decoded: it is not a NextToken this API returned");
        }
    }
}
