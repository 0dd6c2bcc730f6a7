package io.trailwatch.processors.logs.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a {@code stats} query: one per group (its {@code by} values, then its aggregations), in the order of
 * the {@code by} values, then the commands that follow {@code stats} in the order written.
 */
final class AggregatedRows {

    private AggregatedRows() {
    }

    static List<List<QueryResults.ResultField>> of(final Command.Stats stats,
                                                   final Map<List<Object>, Accumulator[]> groups,
                                                   final List<Command> after, final int resultLimit) {
        final Set<String> columns = new LinkedHashSet<>();
        stats.by().forEach(by -> columns.add(by.name()));
        stats.aggregates().forEach(aggregate -> columns.add(aggregate.name()));
        final List<Map.Entry<List<Object>, Accumulator[]>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Map.Entry.comparingByKey(AggregatedRows::compareKeys));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (final Map.Entry<List<Object>, Accumulator[]> group : sorted) {
            final Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < stats.by().size(); i++) {
                row.put(stats.by().get(i).name(), group.getKey().get(i));
            }
            for (int i = 0; i < stats.aggregates().size(); i++) {
                row.put(stats.aggregates().get(i).name(), group.getValue()[i].result());
            }
            rows.add(row);
        }
        List<String> shown = List.copyOf(columns);
        for (final Command command : after) {
            if (command instanceof Command.Sort sort) {
                rows.sort(order(sort));
            } else if (command instanceof Command.Limit limit) {
                rows = rows.subList(0, Math.min(rows.size(), limit.count()));
            } else if (command instanceof Command.Dedup dedup) {
                final Set<List<Object>> seen = new HashSet<>();
                rows = rows.stream().filter(row -> seen.add(dedup.fields().stream().map(row::get).toList())).toList();
            } else if (command instanceof Command.Display display) {
                shown = display.fields();
            } else {
                final List<Map<String, Object>> kept = new ArrayList<>();
                for (final Map<String, Object> row : rows) {
                    if (RowCommands.apply(command, new MapRow(row))) {
                        kept.add(row);
                    }
                }
                if (command instanceof Command.Fields fields) {
                    final Set<String> more = new LinkedHashSet<>(shown);
                    fields.fields().forEach(field -> more.add(field.name()));
                    shown = List.copyOf(more);
                }
                rows = kept;
            }
        }
        final List<String> finalColumns = shown;
        return rows.stream().limit(resultLimit).map(row -> InsightsQuery.fields(row, finalColumns)).toList();
    }

    private static Comparator<Map<String, Object>> order(final Command.Sort sort) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (final Command.SortKey key : sort.keys()) {
            order = order.thenComparing((a, b) -> {
                final Object x = a.get(key.field());
                final Object y = b.get(key.field());
                return key.descending() && x != null && y != null ? Values.compare(y, x) : Values.compare(x, y);
            });
        }
        return order;
    }

    private static int compareKeys(final List<Object> a, final List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            final int order = Values.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** A result row as commands see it. */
    private record MapRow(Map<String, Object> row) implements MutableRow {
        @Override
        public Object get(final String field) {
            return row.get(field);
        }

        @Override
        public void set(final String field, final Object value) {
            row.put(field, value);
        }
    }
}
