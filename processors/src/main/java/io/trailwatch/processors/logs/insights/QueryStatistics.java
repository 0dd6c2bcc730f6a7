package io.trailwatch.processors.logs.insights;

/**
 * GetQueryResults' {@code statistics}.
 *
 * @param recordsMatched the events that passed the query's filters (what stats aggregated, or the raw results
 *                       before sort and limit)
 * @param recordsScanned the events read in the groups and time range
 * @param bytesScanned   their sizes, as CloudWatch counts an event (UTF-8 message bytes plus 26)
 */
public record QueryStatistics(long recordsMatched, long recordsScanned, long bytesScanned) {

    public static final QueryStatistics NONE = new QueryStatistics(0, 0, 0);

    public QueryStatistics plus(final QueryStatistics other) {
        return new QueryStatistics(recordsMatched + other.recordsMatched, recordsScanned + other.recordsScanned,
            bytesScanned + other.bytesScanned);
    }
}
