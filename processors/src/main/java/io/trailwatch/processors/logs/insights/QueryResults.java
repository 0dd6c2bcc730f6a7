package io.trailwatch.processors.logs.insights;

import java.util.List;

/**
 * What a query found, as GetQueryResults returns it: rows of {@code {field, value}}, values as text, absent fields
 * left out of their row.
 */
public record QueryResults(List<List<ResultField>> rows, QueryStatistics statistics) {

    public QueryResults {
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** One field of a result row. */
    public record ResultField(String field, String value) {
    }
}
