package io.trailwatch.processors.logs.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed Logs Insights query, split for running close to the data: the commands before {@code stats} (or all of
 * them, for a query without) run on each event where it is stored ({@link QueryScan}); {@code stats} aggregates
 * there into partial aggregates that merge exactly ({@link Accumulator}); a raw query's {@code sort}, {@code dedup}
 * and {@code limit} keep only the best rows there ({@link RawCollector}), and again after merging; the commands
 * after {@code stats} run once, on the merged rows ({@link #merge}).
 *
 * <p>Where this differs from CloudWatch: one {@code stats} per query; {@code sort}, {@code limit} and {@code dedup}
 * of a raw query apply in that order (sort, dedup, limit) wherever they are written, and not before {@code stats}.
 */
public final class InsightsQuery {

    /** The columns of a raw query's results when it names none (with fields or display). */
    private static final List<String> DEFAULT_COLUMNS = List.of(LogRecord.TIMESTAMP, LogRecord.MESSAGE,
        LogRecord.LOG_STREAM, LogRecord.LOG);

    private final String text;
    private final List<Command> perEvent = new ArrayList<>();
    private final Command.Stats stats;
    private final List<Command> afterStats = new ArrayList<>();
    private final List<Command.SortKey> sort;
    private final List<String> dedup;
    private final int limit;
    private final List<String> columns;

    private InsightsQuery(final String text, final List<Command> commands) {
        this.text = text;
        Command.Stats found = null;
        List<Command.SortKey> sortKeys = List.of();
        List<String> dedupFields = List.of();
        int smallestLimit = Integer.MAX_VALUE;
        for (final Command command : commands) {
            if (found != null) {
                if (command instanceof Command.Stats) {
                    throw new MalformedQueryException(text, text.length(), "Trailwatch runs one stats command per "
                        + "query");
                }
                afterStats.add(command);
            } else if (command instanceof Command.Stats statsCommand) {
                if (!sortKeys.isEmpty() || !dedupFields.isEmpty() || smallestLimit != Integer.MAX_VALUE) {
                    throw new MalformedQueryException(text, text.length(), "sort, dedup and limit are taken after "
                        + "stats, not before it");
                }
                found = statsCommand;
            } else if (command instanceof Command.Sort sortCommand) {
                sortKeys = sortCommand.keys();
            } else if (command instanceof Command.Dedup dedupCommand) {
                dedupFields = dedupCommand.fields();
            } else if (command instanceof Command.Limit limitCommand) {
                smallestLimit = Math.min(smallestLimit, limitCommand.count());
            } else {
                perEvent.add(command);
            }
        }
        this.stats = found;
        this.sort = sortKeys;
        this.dedup = dedupFields;
        this.limit = smallestLimit;
        this.columns = found == null ? rawColumns(commands) : List.of();
    }

    /** @throws MalformedQueryException where and why it does not parse */
    public static InsightsQuery parse(final String query) {
        return new InsightsQuery(query, QueryParser.parse(query));
    }

    public String text() {
        return text;
    }

    public boolean aggregates() {
        return stats != null;
    }

    List<Aggregate> aggregateList() {
        return stats == null ? List.of() : stats.aggregates();
    }

    /** A fresh scan of events for this query, keeping at most {@code resultLimit} raw rows (StartQuery's limit). */
    public QueryScan scan(final int resultLimit) {
        return new QueryScan(this, resultLimit);
    }

    List<Command> perEvent() {
        return perEvent;
    }

    Optional<Command.Stats> stats() {
        return Optional.ofNullable(stats);
    }

    /** The raw rows' order: the query's sort, or newest first as CloudWatch lists events; @ptr breaks ties. */
    Comparator<Map<String, Object>> rowOrder() {
        Comparator<Map<String, Object>> order = null;
        final List<Command.SortKey> keys = sort.isEmpty() ? List.of(new Command.SortKey(LogRecord.TIMESTAMP, true))
            : sort;
        for (final Command.SortKey key : keys) {
            final Comparator<Map<String, Object>> byKey = rowComparator(key);
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        return order.thenComparing(row -> String.valueOf(row.get(LogRecord.PTR)));
    }

    private static Comparator<Map<String, Object>> rowComparator(final Command.SortKey key) {
        final Comparator<Object> values = key.descending()
            ? (a, b) -> a == null || b == null ? Values.compare(a, b) : Values.compare(b, a)
            : Values.ORDER;
        return Comparator.comparing(row -> row.get(key.field()), values);
    }

    List<String> dedupFields() {
        return dedup;
    }

    int limit(final int resultLimit) {
        return Math.min(limit, resultLimit);
    }

    /** What a raw row keeps of a record: its columns, the fields sorted and deduplicated on, and @ptr. */
    Set<String> rawRowFields() {
        final Set<String> fields = new LinkedHashSet<>(columns);
        sort.forEach(key -> fields.add(key.field()));
        fields.addAll(dedup);
        fields.add(LogRecord.TIMESTAMP);
        fields.add(LogRecord.PTR);
        return fields;
    }

    private static List<String> rawColumns(final List<Command> commands) {
        List<String> display = null;
        final Set<String> named = new LinkedHashSet<>();
        boolean fields = false;
        for (final Command command : commands) {
            if (command instanceof Command.Display d) {
                display = d.fields();
            } else if (command instanceof Command.Fields f) {
                fields = true;
                f.fields().forEach(field -> named.add(field.name()));
            } else if (command instanceof Command.Parse p) {
                named.addAll(p.names());
            }
        }
        if (display != null) {
            return display;
        }
        final Set<String> columns = new LinkedHashSet<>(fields ? List.of() : DEFAULT_COLUMNS);
        columns.addAll(named);
        return List.copyOf(columns);
    }

    /**
     * Every instance's partial results merged into the query's results: raw rows in order, deduplicated and
     * limited, with {@code @ptr}; or the aggregated rows after the commands that follow {@code stats}.
     */
    public QueryResults merge(final List<PartialResult> parts, final int resultLimit) {
        QueryStatistics statistics = QueryStatistics.NONE;
        for (final PartialResult part : parts) {
            statistics = statistics.plus(part.statistics());
        }
        if (stats == null) {
            final RawCollector collector = new RawCollector(this, resultLimit);
            parts.forEach(part -> part.rows().forEach(collector::add));
            final List<String> shown = new ArrayList<>(columns);
            shown.remove(LogRecord.PTR);
            shown.add(LogRecord.PTR);
            return new QueryResults(collector.rows().stream().map(row -> fields(row, shown)).toList(), statistics);
        }
        final Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
        for (final PartialResult part : parts) {
            part.groups().forEach((key, accumulators) -> groups.merge(key, accumulators, (mine, theirs) -> {
                for (int i = 0; i < mine.length; i++) {
                    mine[i].merge(theirs[i]);
                }
                return mine;
            }));
        }
        return new QueryResults(AggregatedRows.of(stats, groups, afterStats, resultLimit), statistics);
    }

    static List<QueryResults.ResultField> fields(final Map<String, Object> row, final List<String> columns) {
        final List<QueryResults.ResultField> fields = new ArrayList<>();
        for (final String column : columns) {
            final String value = Values.text(row.get(column));
            if (value != null) {
                fields.add(new QueryResults.ResultField(column, value));
            }
        }
        return fields;
    }
}
