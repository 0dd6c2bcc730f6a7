package io.trailwatch.app.logs;

import static io.trailwatch.identity.AwsService.LOGS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.aws.NamePages;
import io.trailwatch.app.definitions.MetricFilterJson;
import io.trailwatch.app.definitions.MetricFilters;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;

/**
 * CloudWatch Logs' metric filter operations in AWS's protocol (PutMetricFilter, DescribeMetricFilters,
 * DeleteMetricFilter, TestMetricFilter), answered by the {@link MetricFilters} the {@code /v1/metric-filters} routes
 * call; their members are already CloudWatch Logs' (camelCase).
 */
public final class MetricFilterAwsOperations implements AwsOperations {

    private static final String LOG_GROUP_NAME = "logGroupName";
    private static final String FILTER_NAME = "filterName";
    private static final String MESSAGES = "logEventMessages";
    /** TestMetricFilter's limit on logEventMessages. */
    private static final int MAX_TEST_MESSAGES = 50;
    private static final NamePages PAGES = new NamePages("limit", "nextToken");

    private final MetricFilters filters;
    private final LogGroupResource logGroup;

    public MetricFilterAwsOperations(final MetricFilters filters, final ResourceNames names) {
        this.filters = filters;
        this.logGroup = new LogGroupResource(names);
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.logs()
            .operation(LOGS.write("PutMetricFilter"), logGroup::of, input -> {
                final AwsInput in = AwsInput.of(input);
                in.requiredText(FILTER_NAME);
                in.requiredText(LOG_GROUP_NAME);
                filters.put(input);
                return null;
            })
            .operation(LOGS.read("DescribeMetricFilters"), logGroup::of, this::describe)
            .operation(LOGS.write("DeleteMetricFilter"), logGroup::of, input -> {
                final AwsInput in = AwsInput.of(input);
                filters.delete(in.requiredText(FILTER_NAME), in.requiredText(LOG_GROUP_NAME));
                return null;
            })
            .operation(LOGS.read("TestMetricFilter"), this::test);
    }

    private JsonNode test(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final String pattern = input.requiredText("filterPattern");
        final List<String> messages = input.texts(MESSAGES);
        if (messages.isEmpty() || messages.size() > MAX_TEST_MESSAGES) {
            throw new InvalidRecordException(MESSAGES, "must have 1 to " + MAX_TEST_MESSAGES + " messages, had "
                + messages.size());
        }
        return MetricFilterJson.testResult(filters.test(pattern, messages));
    }

    private JsonNode describe(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final NamePages.Page<ConfigEntry> page = PAGES.page(input, filters.describe(
            input.text(LOG_GROUP_NAME).orElse(null), input.text("filterNamePrefix").orElse(null),
            input.text("metricName").orElse(null), input.text("metricNamespace").orElse(null)),
            ConfigEntry::getName);
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        final var described = answer.putArray("metricFilters");
        page.items().forEach(entry -> described.add(MetricFilterJson.describe(entry)));
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }
}
