package io.trailwatch.processors.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit trail's filters indexed by the event names their patterns require ({@code $.eventName = "X"}, alone,
 * in a conjunction, or in a disjunction of such), so that an event is only offered to the filters that can match
 * it: most CloudTrail filters, the CIS ones among them, name the API calls they count. Filters that require no
 * event name, and filters with a defaultValue (which emit for every event), are offered every event. Rebuilt only
 * when the list of filters changes.
 */
final class FilterIndex {

    static final String FIELD = "eventName";

    private List<CompiledMetricFilter> indexed;
    private List<CompiledMetricFilter> everyEvent = List.of();
    private Map<String, List<CompiledMetricFilter>> byEventName = Map.of();

    /**
     * The filters that can match an event of this name, each once: read from the event itself, so an event no
     * filter can match is never rendered as JSON.
     */
    List<CompiledMetricFilter> candidates(final List<CompiledMetricFilter> filters, final String eventName) {
        if (filters != indexed) {
            rebuild(filters);
        }
        return eventName == null ? filters : byEventName.getOrDefault(eventName, everyEvent);
    }

    private void rebuild(final List<CompiledMetricFilter> filters) {
        final List<CompiledMetricFilter> unrestricted = new ArrayList<>();
        final Map<String, List<CompiledMetricFilter>> restricted = new HashMap<>();
        for (final CompiledMetricFilter filter : filters) {
            final Optional<Set<String>> names = filter.transformation().defaultValue() != null ? Optional.empty()
                : filter.pattern().requiredValues(FIELD);
            if (names.isEmpty()) {
                unrestricted.add(filter);
            } else {
                names.get().forEach(value -> restricted.computeIfAbsent(value, key -> new ArrayList<>()).add(filter));
            }
        }
        final Map<String, List<CompiledMetricFilter>> lists = new HashMap<>();
        restricted.forEach((value, list) -> {
            final List<CompiledMetricFilter> all = new ArrayList<>(list);
            all.addAll(unrestricted);
            lists.put(value, List.copyOf(all));
        });
        everyEvent = List.copyOf(unrestricted);
        byEventName = lists;
        indexed = filters;
    }
}
