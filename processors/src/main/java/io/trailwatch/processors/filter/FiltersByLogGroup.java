package io.trailwatch.processors.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The current filters (metric or subscription) grouped by the log group they read, regrouped only when the set of
 * filters changes (a new list from {@code CompiledDefinitions}), so each event looks up its group's filters in one
 * map access.
 */
public final class FiltersByLogGroup<F> {

    private final Function<F, String> logGroupOf;
    private List<F> grouped;
    private Map<String, List<F>> byGroup = Map.of();

    public FiltersByLogGroup(final Function<F, String> logGroupOf) {
        this.logGroupOf = logGroupOf;
    }

    public List<F> of(final List<F> current, final String logGroupName) {
        if (current != grouped) {
            final Map<String, List<F>> next = new HashMap<>();
            current.forEach(filter -> next.computeIfAbsent(logGroupOf.apply(filter), group -> new ArrayList<>())
                .add(filter));
            byGroup = next;
            grouped = current;
        }
        return byGroup.getOrDefault(logGroupName, List.of());
    }
}
