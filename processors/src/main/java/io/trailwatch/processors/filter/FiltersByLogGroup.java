package io.trailwatch.processors.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current metric filters grouped by the log group they read, regrouped only when the set of filters changes
 * (a new list from {@code CompiledDefinitions}), so each event looks up its group's filters in one map access.
 */
final class FiltersByLogGroup {

    private List<CompiledMetricFilter> grouped;
    private Map<String, List<CompiledMetricFilter>> byGroup = Map.of();

    List<CompiledMetricFilter> of(final List<CompiledMetricFilter> current, final String logGroupName) {
        if (current != grouped) {
            final Map<String, List<CompiledMetricFilter>> next = new HashMap<>();
            current.forEach(filter -> next.computeIfAbsent(filter.logGroupName(), group -> new ArrayList<>()).add(filter));
            byGroup = next;
            grouped = current;
        }
        return byGroup.getOrDefault(logGroupName, List.of());
    }
}
