package io.trailwatch.app.history;

import static io.trailwatch.identity.AwsService.CLOUDTRAIL;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.history.LookupAttribute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudTrail's LookupEvents in AWS's protocol: its input is read as the {@code GET /v1/events} parameters it means
 * and answered by the same {@link EventHistory}; what only LookupEvents limits (one lookup attribute, at most 50
 * results, the {@code insight} event category) is checked here.
 */
public final class LookupEventsOperation implements AwsOperations {

    /** LookupEvents' MaxResults: 1 to 50 (the {@code /v1} API also accepts larger pages). */
    static final int MAX_RESULTS = 50;
    /** The only EventCategory LookupEvents takes: Insights events, which Trailwatch does not produce. */
    static final String INSIGHT = "insight";

    private final EventHistory history;

    public LookupEventsOperation(final EventHistory history) {
        this.history = history;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.cloudTrail().operation(CLOUDTRAIL.read("LookupEvents"), this::lookupEvents);
    }

    private JsonNode lookupEvents(final JsonNode request) {
        final AwsInput input = AwsInput.of(request);
        final boolean insights = input.text("EventCategory").map(category -> {
            if (!category.equals(INSIGHT)) {
                throw new ApiErrors.BadRequest("EventCategory", "must be '" + INSIGHT + "', was '" + category + "'");
            }
            return true;
        }).orElse(false);
        final Map<String, List<String>> parameters = parameters(input);
        if (insights) {
            // Still read as a search, so that an invalid one is refused as it would be without the category.
            EventsRequest.parse(parameters);
            return EventsJson.MAPPER.createObjectNode().set("Events", EventsJson.MAPPER.createArrayNode());
        }
        try {
            return EventsJson.MAPPER.readTree(history.lookup(parameters));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The search in {@link EventsRequest}'s parameters. */
    private static Map<String, List<String>> parameters(final AwsInput input) {
        final Map<String, List<String>> parameters = new LinkedHashMap<>();
        final List<JsonNode> attributes = input.list("LookupAttributes");
        if (attributes.size() > 1) {
            throw new ApiErrors.BadRequest("LookupAttributes", "at most one lookup attribute is allowed, got "
                + attributes.size());
        }
        for (final JsonNode element : attributes) {
            final AwsInput attribute = AwsInput.of(element);
            final String key = attribute.text("AttributeKey").orElse("");
            if (LookupAttribute.byKey(key).isEmpty()) {
                throw new ApiErrors.BadRequest("LookupAttributes", "AttributeKey must be one of "
                    + String.join(", ", LookupAttribute.keys()));
            }
            parameters.put(key, List.of(attribute.text("AttributeValue").orElse("")));
        }
        input.instant("StartTime").ifPresent(start -> parameters.put(EventsRequest.START_TIME,
            List.of(start.toString())));
        input.instant("EndTime").ifPresent(end -> parameters.put(EventsRequest.END_TIME, List.of(end.toString())));
        final int maxResults = input.integer("MaxResults").orElse(MAX_RESULTS);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new ApiErrors.BadRequest("MaxResults", "must be from 1 to " + MAX_RESULTS + ", was " + maxResults);
        }
        parameters.put(EventsRequest.MAX_RESULTS, List.of(Integer.toString(maxResults)));
        input.text("NextToken").ifPresent(token -> parameters.put(EventsRequest.NEXT_TOKEN, List.of(token)));
        return parameters;
    }
}
