package io.trailwatch.app.cli.alarms;

import io.trailwatch.app.cli.ApiCall;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The paging of CloudWatch's Describe calls: {@code --max-records} and {@code --next-token}. */
final class PageOptions {

    @Option(names = "--max-records", paramLabel = "N", description = "At most N per page (1-100).")
    Integer maxRecords;

    @Option(names = "--next-token", paramLabel = "TOKEN", description = "The NextToken of the previous page.")
    String nextToken;

    /** Adds MaxRecords and NextToken, as named, to the query. */
    void addTo(final Map<String, List<String>> query) {
        query.put("MaxRecords", ApiCall.one(maxRecords == null ? null : maxRecords.toString()));
        query.put("NextToken", ApiCall.one(nextToken));
    }
}
