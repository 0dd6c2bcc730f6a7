package io.trailwatch.processors.logs.insights;

import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance's pass over stored events for a query: each event read ({@link #accept}) goes through the
 * commands before {@code stats}, then into the partial aggregates or the kept raw rows. Not thread-safe: one scan
 * per thread.
 */
public final class QueryScan {

    private final InsightsQuery query;
    private final int resultLimit;
    private final RawCollector raw;
    private final Map<List<Object>, Accumulator[]> groups = new HashMap<>();
    private long matched;
    private long scanned;
    private long bytes;

    QueryScan(final InsightsQuery query, final int resultLimit) {
        this.query = query;
        this.resultLimit = resultLimit;
        this.raw = query.aggregates() ? null : new RawCollector(query, resultLimit);
    }

    /**
     * One event of a group in the query's time range.
     *
     * @param log what {@code @log} shows for the group ({@code <account id>:<name>})
     */
    public void accept(final String logGroupName, final String log, final StoredLogEvent event) {
        scanned++;
        bytes += event.size();
        final LogRecord record = new LogRecord(logGroupName, log, event);
        for (final Command command : query.perEvent()) {
            if (!RowCommands.apply(command, record)) {
                return;
            }
        }
        matched++;
        final Command.Stats stats = query.stats().orElse(null);
        if (stats == null) {
            final Map<String, Object> row = new LinkedHashMap<>();
            query.rawRowFields().forEach(field -> row.put(field, record.get(field)));
            raw.add(row);
            return;
        }
        final List<Object> key = new ArrayList<>(stats.by().size());
        stats.by().forEach(by -> key.add(by.expr().eval(record)));
        final Accumulator[] accumulators = groups.computeIfAbsent(key, k -> {
            final Accumulator[] fresh = new Accumulator[stats.aggregates().size()];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = new Accumulator(stats.aggregates().get(i));
            }
            return fresh;
        });
        for (final Accumulator accumulator : accumulators) {
            accumulator.add(record, event.timestamp());
        }
    }

    public QueryStatistics statistics() {
        return new QueryStatistics(matched, scanned, bytes);
    }

    /** What this scan found, to merge with other instances' ({@link InsightsQuery#merge}). */
    public PartialResult result() {
        return new PartialResult(statistics(), raw == null ? List.of() : raw.rows(), groups);
    }

    int resultLimit() {
        return resultLimit;
    }
}
