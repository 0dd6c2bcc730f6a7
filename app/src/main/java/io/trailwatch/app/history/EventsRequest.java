package io.trailwatch.app.history;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.TimeParameter;
import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.LookupAttribute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of {@code GET /v1/events}, read and checked: a 400 names the first parameter that is wrong.
 *
 * <ul>
 *   <li>attribute filters: a parameter per LookupEvents AttributeKey ({@code EventName=DeleteBucket}) or
 *       Trailwatch's extra keys (SourceIPAddress, ErrorCode, AccountId, AwsRegion); all must hold, and a key
 *       repeated means the event must have each value (ResourceName=a&amp;ResourceName=b);</li>
 *   <li>{@code startTime}, {@code endTime}: inclusive, ISO 8601 ({@code 2026-11-21T10:00:00Z}, an offset, or a date
 *       or local time taken as UTC) or epoch seconds, as the AWS CLI accepts them;</li>
 *   <li>{@code maxResults}: 1 to 50, default 50, as LookupEvents; Trailwatch also accepts up to
 *       {@value #MAX_RESULTS_EXTENDED} for bulk reads;</li>
 *   <li>{@code nextToken}: the previous page's NextToken.</li>
 * </ul>
 */
final class EventsRequest {

    static final int DEFAULT_MAX_RESULTS = 50;
    static final int MAX_RESULTS_EXTENDED = 1_000;
    static final String START_TIME = "startTime";
    static final String END_TIME = "endTime";
    static final String MAX_RESULTS = "maxResults";
    static final String NEXT_TOKEN = "nextToken";

    private EventsRequest() {
    }

    static EventQuery parse(final Map<String, List<String>> parameters) {
        final Map<LookupAttribute, List<String>> filters = new EnumMap<>(LookupAttribute.class);
        for (final Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            final String name = parameter.getKey();
            if (List.of(START_TIME, END_TIME, MAX_RESULTS, NEXT_TOKEN).contains(name)
                || QueryString.AUTHENTICATION.contains(name) || QueryString.isStray(name, parameter.getValue())) {
                continue;
            }
            final LookupAttribute attribute = LookupAttribute.byKey(name).orElseThrow(() -> new ApiErrors.BadRequest(
                name, "is not a parameter of this API; filter by " + String.join(", ", LookupAttribute.keys())
                    + ", and page with " + START_TIME + ", " + END_TIME + ", " + MAX_RESULTS + ", " + NEXT_TOKEN));
            for (final String value : parameter.getValue()) {
                if (value.isEmpty() || value.length() > LookupAttribute.MAX_VALUE_LENGTH) {
                    throw new ApiErrors.BadRequest(name, "must be 1 to " + LookupAttribute.MAX_VALUE_LENGTH
                        + " characters long");
                }
                if (attribute == LookupAttribute.READ_ONLY && !value.equals("true") && !value.equals("false")) {
                    throw new ApiErrors.BadRequest(name, "must be true or false: " + value);
                }
                filters.computeIfAbsent(attribute, key -> new ArrayList<>()).add(value);
            }
        }
        final Instant start = single(parameters, START_TIME).map(text -> TimeParameter.parse(START_TIME, text)).orElse(null);
        final Instant end = single(parameters, END_TIME).map(text -> TimeParameter.parse(END_TIME, text)).orElse(null);
        if (start != null && end != null && start.isAfter(end)) {
            throw new ApiErrors.BadRequest(START_TIME, "must not be after " + END_TIME);
        }
        final int maxResults = single(parameters, MAX_RESULTS).map(EventsRequest::maxResults).orElse(DEFAULT_MAX_RESULTS);
        final EventQuery query = new EventQuery(filters, start, end, maxResults, null);
        final Optional<String> token = single(parameters, NEXT_TOKEN);
        if (token.isEmpty()) {
            return query;
        }
        final EventPosition after = PageToken.decode(token.get(), query, NEXT_TOKEN);
        return query.after(after);
    }

    private static Optional<String> single(final Map<String, List<String>> parameters, final String name) {
        final List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new ApiErrors.BadRequest(name, "is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static int maxResults(final String text) {
        try {
            final int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= MAX_RESULTS_EXTENDED) {
                return value;
            }
        } catch (final NumberFormatException notANumber) {
            // reported below, as any value out of range
        }
        throw new ApiErrors.BadRequest(MAX_RESULTS, "must be a whole number from 1 to " + DEFAULT_MAX_RESULTS
            + " (Trailwatch also accepts up to " + MAX_RESULTS_EXTENDED + "): " + text);
    }
}
