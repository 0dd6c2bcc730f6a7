package io.trailwatch.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.TimeParameter;
import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.LookupAttribute;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class EventsRequestTest {

    private static Map<String, List<String>> params(final String... pairs) {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.computeIfAbsent(pairs[i], key -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return params;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(final String parameter,
                                                                          final String... pairs) {
        return assertThatThrownBy(() -> EventsRequest.parse(params(pairs))).isInstanceOf(ApiErrors.BadRequest.class)
            .satisfies(e -> assertThat(((ApiErrors.BadRequest) e).field()).isEqualTo(parameter));
    }

    @Test
    void noParametersMeanEverythingFiftyAtATime() {
        final EventQuery query = EventsRequest.parse(Map.of());

        assertThat(query.filters()).isEmpty();
        assertThat(query.startTime()).isNull();
        assertThat(query.endTime()).isNull();
        assertThat(query.maxResults()).isEqualTo(50);
        assertThat(query.after()).isNull();
    }

    @Test
    void attributesCombineAndTimesTakeTheAwsCliForms() {
        final EventQuery query = EventsRequest.parse(params("EventName", "DeleteBucket", "Username", "bob",
            "ResourceName", "a", "ResourceName", "b", "SourceIPAddress", "203.0.113.7",
            "startTime", "2026-11-21T10:00:00+01:00", "endTime", "1795262400.5", "maxResults", "7"));

        assertThat(query.filters()).containsExactlyInAnyOrderEntriesOf(Map.of(
            LookupAttribute.EVENT_NAME, List.of("DeleteBucket"), LookupAttribute.USERNAME, List.of("bob"),
            LookupAttribute.RESOURCE_NAME, List.of("a", "b"), LookupAttribute.SOURCE_IP_ADDRESS, List.of("203.0.113.7")));
        assertThat(query.startTime()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(query.endTime()).isEqualTo(Instant.ofEpochSecond(1_795_262_400L, 500_000_000));
        assertThat(query.maxResults()).isEqualTo(7);
        assertThat(TimeParameter.parse("t", "2026-11-21")).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(TimeParameter.parse("t", "2026-11-21T10:15:30")).isEqualTo(Instant.parse("2026-11-21T10:15:30Z"));
    }

    @Test
    void invalidParametersAreNamed() {
        rejects("Eventname", "Eventname", "DeleteBucket").hasMessageContaining("EventName");
        rejects("EventName", "EventName", "");
        rejects("ReadOnly", "ReadOnly", "False").hasMessageContaining("true or false");
        rejects("Username", "Username", "x".repeat(2001));
        rejects("startTime", "startTime", "yesterday").hasMessageContaining("ISO 8601");
        rejects("endTime", "endTime", "2026-13-01T00:00:00Z");
        rejects("startTime", "startTime", "2026-11-21T11:00:00Z", "endTime", "2026-11-21T10:00:00Z");
        rejects("maxResults", "maxResults", "0");
        rejects("maxResults", "maxResults", "1001");
        rejects("maxResults", "maxResults", "fifty");
        rejects("startTime", "startTime", "2026-11-21T10:00:00Z", "startTime", "2026-11-21T11:00:00Z");
        rejects("nextToken", "nextToken", "not-a-token!");
        rejects("nextToken", "nextToken", "AAAA");
    }

    @Test
    void aStrayAmpersandAndPresignedUrlAuthenticationAreNotFilters() {
        final Map<String, List<String>> parameters = params("EventName", "DeleteBucket", "X-Amz-Algorithm",
            "AWS4-HMAC-SHA256", "X-Amz-Signature", "abc");
        parameters.put("", List.of());

        assertThat(EventsRequest.parse(parameters).filters()).containsOnlyKeys(LookupAttribute.EVENT_NAME);
        rejects("X-Amz-Foo", "X-Amz-Foo", "x");
    }

    @Test
    void aNextTokenResumesItsOwnSearchOnly() {
        final EventQuery query = EventsRequest.parse(params("EventName", "DeleteBucket", "Username", "bob",
            "startTime", "2026-11-21T00:00:00Z"));
        final EventPosition position = new EventPosition(1_795_262_400_123L, "2f1c-é");
        final String token = PageToken.encode(query, position);

        final EventQuery next = EventsRequest.parse(params("Username", "bob", "EventName", "DeleteBucket",
            "startTime", "2026-11-21T00:00:00Z", "maxResults", "10", "nextToken", token));

        assertThat(next.after()).isEqualTo(position);
        assertThat(next.filters()).isEqualTo(query.filters());
        assertThat(next.startTime()).isEqualTo(query.startTime());
        rejects("nextToken", "EventName", "DeleteBucket", "Username", "alice", "startTime", "2026-11-21T00:00:00Z",
            "nextToken", token).hasMessageContaining("another search");
        rejects("nextToken", "EventName", "DeleteBucket", "Username", "bob", "nextToken", token);
    }
}
