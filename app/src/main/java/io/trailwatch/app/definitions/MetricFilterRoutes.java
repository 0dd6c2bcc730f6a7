package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.config.Definitions;
import java.util.List;
import java.util.Set;

/**
 * Metric filters over HTTP, with PutMetricFilter's, DescribeMetricFilters' and TestMetricFilter's field names:
 * <ul>
 *   <li>{@code PUT /v1/metric-filters/{name}}: body {@code {logGroupName, filterPattern, metricTransformations}};
 *   200 with the filter as described, 400 naming the invalid field;</li>
 *   <li>{@code GET /v1/metric-filters[?logGroupName=&filterNamePrefix=&metricName=&metricNamespace=]}:
 *   {@code {"metricFilters":[...]}}; {@code GET /v1/metric-filters/{name}}: one filter or 404;</li>
 *   <li>{@code DELETE /v1/metric-filters/{name}[?logGroupName=]}: 204, or 404 when no such filter (in that log
 *   group);</li>
 *   <li>{@code POST /v1/metric-filters/test}: body {@code {filterPattern, logEventMessages}}, response
 *   {@code {"matches":[{eventNumber, eventMessage, extractedValues}]}}.</li>
 * </ul>
 * A query parameter or body field other than these is a 400 naming it.
 */
public final class MetricFilterRoutes implements ApiRoutes {

    private static final String PATH = "/v1/metric-filters";
    private static final String LOG_GROUP_NAME = "logGroupName";
    static final Set<String> DESCRIBE_PARAMETERS = Set.of(LOG_GROUP_NAME, "filterNamePrefix", "metricName",
        "metricNamespace");
    /** TestMetricFilter's body. */
    static final DefinitionShapes.Shape TEST_REQUEST = DefinitionShapes.object("a TestMetricFilter request",
        DefinitionShapes.optional("filterPattern", DefinitionShapes.STRING),
        DefinitionShapes.optional("logEventMessages", DefinitionShapes.listOf(DefinitionShapes.STRING)));

    private final MetricFilters filters;

    public MetricFilterRoutes(final MetricFilters filters) {
        this.filters = filters;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.post(PATH + "/test", this::test);
        routes.put(PATH + "/{name}", this::put);
        routes.get(PATH, this::describe);
        routes.get(PATH + "/{name}", this::describeOne);
        routes.delete(PATH + "/{name}", this::delete);
    }

    private void put(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final ObjectNode body = RequestBodies.withName(RequestBodies.object(ctx.body()), "FilterName",
            ctx.pathParam("name"));
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.describe(filters.put(body)));
    }

    private void describe(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), DESCRIBE_PARAMETERS);
        final ObjectNode body = Definitions.MAPPER.createObjectNode();
        final var described = body.putArray("metricFilters");
        filters.describe(ctx.queryParam(LOG_GROUP_NAME), ctx.queryParam("filterNamePrefix"),
                ctx.queryParam("metricName"), ctx.queryParam("metricNamespace"))
            .forEach(entry -> described.add(MetricFilterJson.describe(entry)));
        Responses.json(ctx, HttpStatus.OK, body);
    }

    private void describeOne(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(LOG_GROUP_NAME));
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.describe(filters.existing(ctx.pathParam("name"),
            ctx.queryParam(LOG_GROUP_NAME))));
    }

    private void delete(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(LOG_GROUP_NAME));
        filters.delete(ctx.pathParam("name"), ctx.queryParam(LOG_GROUP_NAME));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** TestMetricFilter: its two fields only (names matched ignoring case), a string and a list of strings. */
    private void test(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final ObjectNode body = RequestBodies.object(ctx.body(), TEST_REQUEST);
        final List<String> messages = RequestBodies.strings(body, "logEventMessages");
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.testResult(filters.test(
            RequestBodies.text(body, "filterPattern"), messages)));
    }
}
