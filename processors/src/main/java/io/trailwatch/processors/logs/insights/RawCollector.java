package io.trailwatch.processors.logs.insights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The best rows of a raw query, in bounded memory: with {@code dedup}, the best row of each combination of values
 * (kept per combination), and at most {@code limit} rows in the query's order (a heap whose head is the worst
 * kept). Collecting each instance's rows again gives the same rows as collecting every event at once: the best
 * rows overall are among each instance's best.
 */
final class RawCollector {

    private final InsightsQuery query;
    private final Comparator<Map<String, Object>> order;
    private final int limit;
    private final PriorityQueue<Map<String, Object>> best;
    private final Map<List<Object>, Map<String, Object>> bestByKey = new HashMap<>();

    RawCollector(final InsightsQuery query, final int resultLimit) {
        this.query = query;
        this.order = query.rowOrder();
        this.limit = query.limit(resultLimit);
        this.best = new PriorityQueue<>(order.reversed());
    }

    void add(final Map<String, Object> row) {
        if (query.dedupFields().isEmpty()) {
            offer(row);
            return;
        }
        final List<Object> key = new ArrayList<>();
        query.dedupFields().forEach(field -> key.add(row.get(field)));
        bestByKey.merge(key, row, (kept, candidate) -> order.compare(candidate, kept) < 0 ? candidate : kept);
    }

    private void offer(final Map<String, Object> row) {
        if (best.size() < limit) {
            best.add(row);
        } else if (order.compare(row, best.peek()) < 0) {
            best.poll();
            best.add(row);
        }
    }

    List<Map<String, Object>> rows() {
        bestByKey.values().forEach(this::offer);
        bestByKey.clear();
        final List<Map<String, Object>> rows = new ArrayList<>(best);
        rows.sort(order);
        return Collections.unmodifiableList(rows);
    }
}
