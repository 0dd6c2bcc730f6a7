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
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.config.MetricFilterDefinition;
import io.trailwatch.processors.filter.MetricFilterTester;
import java.util.ArrayList;
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
    /** PutMetricFilter's quota: metric filters per log group. */
    static final int MAX_FILTERS_PER_LOG_GROUP = 100;

    private final DefinitionStore definitions;

    public MetricFilterRoutes(final DefinitionStore definitions) {
        this.definitions = definitions;
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
        final String name = ctx.pathParam("name");
        final ObjectNode body = RequestBodies.withName(RequestBodies.object(ctx.body()), "FilterName", name);
        final ConfigFile.Entry entry = ConfigFile.request(DefinitionKind.METRIC_FILTER, body);
        requireRoomInLogGroup(entry);
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.describe(definitions.put(entry)));
    }

    private void requireRoomInLogGroup(final ConfigFile.Entry entry) {
        final String group = Definitions.fromJson(entry.definitionJson(), MetricFilterDefinition.class).logGroupName();
        final long others = definitions.list(DefinitionKind.METRIC_FILTER).stream()
            .map(MetricFilterJson::definition)
            .filter(filter -> filter.logGroupName().equals(group) && !filter.filterName().equals(entry.name()))
            .count();
        if (others >= MAX_FILTERS_PER_LOG_GROUP) {
            throw new ApiErrors.BadRequest("logGroupName", "LimitExceededException: log group '" + group
                + "' already has " + MAX_FILTERS_PER_LOG_GROUP + " metric filters");
        }
    }

    private void describe(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), DESCRIBE_PARAMETERS);
        final String group = ctx.queryParam(LOG_GROUP_NAME);
        final String prefix = ctx.queryParam("filterNamePrefix");
        final String metricName = ctx.queryParam("metricName");
        final String namespace = ctx.queryParam("metricNamespace");
        if ((metricName == null) != (namespace == null)) {
            throw new ApiErrors.BadRequest(metricName == null ? "metricName" : "metricNamespace",
                "metricName and metricNamespace must be given together");
        }
        final List<ObjectNode> filters = new ArrayList<>();
        for (final ConfigEntry entry : definitions.list(DefinitionKind.METRIC_FILTER)) {
            final MetricFilterDefinition filter = MetricFilterJson.definition(entry);
            final boolean selected = (group == null || group.equals(filter.logGroupName()))
                && (prefix == null || filter.filterName().startsWith(prefix))
                && (metricName == null || filter.metricTransformations().stream().anyMatch(transformation ->
                    transformation.metricName().equals(metricName)
                        && transformation.metricNamespace().equals(namespace)));
            if (selected) {
                filters.add(MetricFilterJson.describe(entry));
            }
        }
        final ObjectNode body = Definitions.MAPPER.createObjectNode();
        body.putArray("metricFilters").addAll(filters);
        Responses.json(ctx, HttpStatus.OK, body);
    }

    private void describeOne(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(LOG_GROUP_NAME));
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.describe(existing(ctx.pathParam("name"),
            ctx.queryParam(LOG_GROUP_NAME))));
    }

    private void delete(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of(LOG_GROUP_NAME));
        final ConfigEntry entry = existing(ctx.pathParam("name"), ctx.queryParam(LOG_GROUP_NAME));
        definitions.delete(DefinitionKind.METRIC_FILTER, entry.getName());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private ConfigEntry existing(final String name, final String logGroupName) {
        return definitions.get(DefinitionKind.METRIC_FILTER, name)
            .filter(entry -> logGroupName == null || logGroupName.equals(MetricFilterJson.definition(entry).logGroupName()))
            .orElseThrow(() -> new ApiErrors.NotFound("ResourceNotFoundException: no metric filter '" + name + "'"
                + (logGroupName == null ? "" : " in log group '" + logGroupName + "'")));
    }

    /** TestMetricFilter: its two fields only (names matched ignoring case), a string and a list of strings. */
    private void test(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final ObjectNode body = RequestBodies.object(ctx.body(), TEST_REQUEST);
        final List<String> messages = RequestBodies.strings(body, "logEventMessages");
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.testResult(MetricFilterTester.test(
            RequestBodies.text(body, "filterPattern"), messages == null ? List.of() : messages)));
    }
}
