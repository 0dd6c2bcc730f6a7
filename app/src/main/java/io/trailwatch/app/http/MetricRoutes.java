package io.trailwatch.app.http;

import io.javalin.config.RoutesConfig;
import io.trailwatch.processors.metrics.query.MetricFilter;
import io.trailwatch.processors.metrics.query.MetricQueries;
import io.trailwatch.processors.metrics.query.StatisticsQuery;

/**
 * {@code GET /v1/metrics/statistics} (GetMetricStatistics) and {@code GET /v1/metrics} (ListMetrics). Parameters
 * are named as the API's, in camelCase: namespace, metricName, dimensions (repeated Name=Value), startTime, endTime,
 * period, statistics, extendedStatistics, unit; nextToken for ListMetrics.
 */
public final class MetricRoutes implements ApiRoutes {

    private static final String JSON = "application/json";

    private final MetricQueries queries;

    public MetricRoutes(final MetricQueries queries) {
        this.queries = queries;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/metrics/statistics", ctx -> ctx.contentType(JSON).result(queries.getMetricStatistics(
            StatisticsQuery.parse(ctx.queryParamMap()), "true".equals(ctx.queryParam("local")))));
        routes.get("/v1/metrics", ctx -> ctx.contentType(JSON).result(queries.listMetrics(
            MetricFilter.parse(ctx.queryParamMap()), ctx.queryParam("nextToken"), "true".equals(ctx.queryParam("local")))));
    }
}
