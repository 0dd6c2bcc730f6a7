package io.trailwatch.app.logs;

import io.trailwatch.aws.AwsInput;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which queries DescribeQueries lists: of one group and one status when given, at most {@code maxResults}; checked
 * once, where the call arrives, and handed to the other instances as query parameters.
 */
record QueryFilter(Optional<String> logGroupName, Optional<String> status, int maxResults) {

    static final String GROUP = "logGroupName";
    static final String STATUS = "status";
    static final String MAX_RESULTS = "maxResults";
    private static final int MAX = 1000;

    static QueryFilter of(final AwsInput input) {
        final Optional<String> status = input.text(STATUS);
        status.ifPresent(name -> {
            try {
                InsightsQueries.Status.valueOf(name);
            } catch (final IllegalArgumentException e) {
                throw new InvalidRecordException(STATUS, "must be one of Scheduled, Running, Complete, Failed, "
                    + "Cancelled, Timeout, was '" + name + "'");
            }
        });
        final int max = input.integer(MAX_RESULTS).orElse(MAX);
        if (max < 1 || max > MAX) {
            throw new InvalidRecordException(MAX_RESULTS, "must be between 1 and " + MAX + ", was " + max);
        }
        return new QueryFilter(input.text(GROUP), status, max);
    }

    /** The filter as the query parameters of DescribeQueries' route. */
    Map<String, List<String>> parameters() {
        final Map<String, List<String>> parameters = new LinkedHashMap<>();
        logGroupName.ifPresent(group -> parameters.put(GROUP, List.of(group)));
        status.ifPresent(name -> parameters.put(STATUS, List.of(name)));
        parameters.put(MAX_RESULTS, List.of(Integer.toString(maxResults)));
        return parameters;
    }
}
