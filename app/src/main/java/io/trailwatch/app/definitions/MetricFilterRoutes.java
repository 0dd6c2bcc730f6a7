package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.ConfigFile;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.config.MetricFilterDefinition;
import io.trailwatch.processors.filter.MetricFilterTester;
import java.util.ArrayList;
import java.util.List;

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
 */
public final class MetricFilterRoutes implements ApiRoutes {

    private static final String PATH = "/v1/metric-filters";
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
        final String group = ctx.queryParam("logGroupName");
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
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.describe(existing(ctx.pathParam("name"),
            ctx.queryParam("logGroupName"))));
    }

    private void delete(final Context ctx) {
        final ConfigEntry entry = existing(ctx.pathParam("name"), ctx.queryParam("logGroupName"));
        definitions.delete(DefinitionKind.METRIC_FILTER, entry.getName());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private ConfigEntry existing(final String name, final String logGroupName) {
        return definitions.get(DefinitionKind.METRIC_FILTER, name)
            .filter(entry -> logGroupName == null || logGroupName.equals(MetricFilterJson.definition(entry).logGroupName()))
            .orElseThrow(() -> new ApiErrors.NotFound("ResourceNotFoundException: no metric filter '" + name + "'"
                + (logGroupName == null ? "" : " in log group '" + logGroupName + "'")));
    }

    private void test(final Context ctx) {
        final ObjectNode body = RequestBodies.object(ctx.body());
        final JsonNode pattern = body.get("filterPattern");
        final JsonNode messages = body.get("logEventMessages");
        if (messages != null && !messages.isArray()) {
            throw new ApiErrors.BadRequest("logEventMessages", "must be a list of strings");
        }
        final List<String> texts = new ArrayList<>();
        if (messages != null) {
            messages.forEach(message -> texts.add(message.isTextual() ? message.textValue() : message.toString()));
        }
        Responses.json(ctx, HttpStatus.OK, MetricFilterJson.testResult(MetricFilterTester.test(
            pattern == null || pattern.isNull() ? null : pattern.asText(), texts)));
    }
}
