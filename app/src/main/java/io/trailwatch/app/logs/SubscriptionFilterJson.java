package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.logs.subscription.SubscriptionFilterDefinition;
import java.util.List;

/** A subscription filter as DescribeSubscriptionFilters describes it, for both front ends. */
final class SubscriptionFilterJson {

    private SubscriptionFilterJson() {
    }

    static ObjectNode describe(final SubscriptionFilterDefinition filter) {
        return Definitions.MAPPER.createObjectNode()
            .put("filterName", filter.filterName())
            .put("logGroupName", filter.logGroupName())
            .put("filterPattern", filter.filterPattern())
            .put("destinationArn", filter.destinationArn())
            .put("distribution", filter.distribution())
            .put("creationTime", filter.creationTime());
    }

    /** {@code {"subscriptionFilters":[...]}}. */
    static ObjectNode list(final List<SubscriptionFilterDefinition> filters) {
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        final ArrayNode described = answer.putArray("subscriptionFilters");
        filters.forEach(filter -> described.add(describe(filter)));
        return answer;
    }
}
