package io.trailwatch.processors.logs.insights;

import io.trailwatch.processors.logs.store.ScannedLogEvent;
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

    /**
     * The groups {@code stats ... by} may hold on one instance, and the characters of their keys: a user's
     * {@code stats count(*) by @message} over 100 GiB of distinct lines would otherwise fill the heap of the process
     * that also runs the pipelines. Past either the query fails, saying so.
     */
    static final int MAX_GROUPS = 1_000_000;
    static final long MAX_KEY_CHARS = 32L * 1024 * 1024;

    private final InsightsQuery query;
    private final int resultLimit;
    private final RawCollector raw;
    private final List<byte[]> terms;
    private final Map<List<Object>, Accumulator[]> groups = new HashMap<>();
    private long keyChars;
    private long matched;
    private long scanned;
    private long bytes;

    QueryScan(final InsightsQuery query, final int resultLimit) {
        this.query = query;
        this.resultLimit = resultLimit;
        this.raw = query.aggregates() ? null : new RawCollector(query, resultLimit);
        this.terms = MessageTerms.required(query.perEvent());
    }

    /**
     * One event of a group in the query's time range.
     *
     * @param log what {@code @log} shows for the group ({@code <account id>:<name>})
     */
    public void accept(final String logGroupName, final String log, final StoredLogEvent event) {
        accept(logGroupName, log, ScannedLogEvent.of(event));
    }

    /** One event as the store hands it over: decoded only if it may pass the filters and as far as asked. */
    public void accept(final String logGroupName, final String log, final ScannedLogEvent event) {
        scanned++;
        bytes += event.size();
        for (final byte[] term : terms) {
            if (!event.messageContains(term)) {
                return;
            }
        }
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
            admitGroup(k);
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

    private void admitGroup(final List<Object> key) {
        for (final Object value : key) {
            keyChars += value == null ? 0 : String.valueOf(value).length();
        }
        if (groups.size() >= MAX_GROUPS || keyChars > MAX_KEY_CHARS) {
            throw new TooManyGroups();
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

    /** A {@code stats ... by} whose groups would exceed {@link #MAX_GROUPS} or {@link #MAX_KEY_CHARS}. */
    static final class TooManyGroups extends RuntimeException {
        TooManyGroups() {
            super("stats ... by makes more than " + MAX_GROUPS + " groups (or " + MAX_KEY_CHARS + " characters of "
                + "group values) on one instance; group by fewer or coarser fields, or narrow the time range");
        }
    }
}
