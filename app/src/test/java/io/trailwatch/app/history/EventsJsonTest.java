package io.trailwatch.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.history.PartialPage;
import io.trailwatch.processors.history.StoredEvent;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventsJsonTest {

    private static final String RECORD = """
        {"eventVersion": "1.08", "eventID": "e-1", "eventTime": "2026-11-21T10:00:00.250Z",
         "eventSource": "s3.amazonaws.com", "eventName": "DeleteBucket", "awsRegion": "eu-west-1",
         "sourceIPAddress": "203.0.113.7", "readOnly": false,
         "userIdentity": {"type": "IAMUser", "userName": "bob", "accessKeyId": "AKIAEXAMPLE"},
         "requestParameters": {"bucketName": "logs"}, "responseElements": null,
         "eventType": "AwsApiCall", "eventCategory": "Management"}""";

    @Test
    void anEventHasLookupEventsFieldsAndTheWholeRecord() throws Exception {
        final AuditEvent event = CloudTrailJson.fromJson(EventsJson.MAPPER.readTree(RECORD));

        final JsonNode json = EventsJson.MAPPER.readTree(EventsJson.render(StoredEvent.of(event)).json());

        assertThat(json.path("EventId").asText()).isEqualTo("e-1");
        assertThat(json.path("EventName").asText()).isEqualTo("DeleteBucket");
        assertThat(json.path("ReadOnly").asText()).isEqualTo("false");
        assertThat(json.path("AccessKeyId").asText()).isEqualTo("AKIAEXAMPLE");
        assertThat(json.path("EventTime").asText()).isEqualTo("2026-11-21T10:00:00.250Z");
        assertThat(json.path("EventSource").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(json.path("Username").asText()).isEqualTo("bob");
        assertThat(json.path("Resources").toString())
            .isEqualTo("[{\"ResourceType\":\"AWS::S3::Bucket\",\"ResourceName\":\"logs\"}]");
        assertThat(CloudTrailJson.fromJson(EventsJson.MAPPER.readTree(json.path("CloudTrailEvent").asText())))
            .isEqualTo(event);
    }

    /** A page's events come from one renderer, one after another; each is exactly what it is rendered alone. */
    @Test
    void eventsRenderedInARowAreEachTheirOwnObject() throws Exception {
        final AuditEvent base = CloudTrailJson.fromJson(EventsJson.MAPPER.readTree(RECORD));
        final List<StoredEvent> events = List.of(StoredEvent.of(base),
            StoredEvent.of(AuditEvent.newBuilder(base).setEventID("e-2").setRequestParameters(
                "{\"bucketName\":\"" + "b".repeat(6_000) + "\"}").build()),
            StoredEvent.of(AuditEvent.newBuilder(base).setEventID("e-3").setReadOnly(null)
                .setUserAgent("console \uD83D\uDE00").build()));

        try (EventRenderer renderer = new EventRenderer()) {
            for (final StoredEvent event : events) {
                final byte[] json = renderer.render(event).json();
                assertThat(json).isEqualTo(EventsJson.render(event).json());
                assertThat(EventsJson.MAPPER.readTree(json).path("EventId").asText())
                    .isEqualTo(event.event().getEventID());
            }
        }
    }

    /** One instance's answer read by another: same events, same positions, same bound. */
    @Test
    void aPageIsValidJsonWithItsEventsInOrderAndItsNextToken() throws Exception {
        final StoredEvent first = StoredEvent.of(CloudTrailJson.fromJson(EventsJson.MAPPER.readTree(RECORD)));
        final StoredEvent second = StoredEvent.of(AuditEvent.newBuilder(first.event()).setEventID("e-\"2\"")
            .setEventTime(first.event().getEventTime().minusSeconds(1)).build());
        final io.trailwatch.processors.history.EventQuery query = new io.trailwatch.processors.history.EventQuery(
            java.util.Map.of(), null, null, 2, null);

        final JsonNode page = EventsJson.MAPPER.readTree(EventsJson.page(new PartialPage<>(List.of(
            EventsJson.render(first), EventsJson.render(second)), second.position()), query));
        final JsonNode last = EventsJson.MAPPER.readTree(EventsJson.page(PartialPage.complete(List.of()), query));

        assertThat(page.path("Events").findValuesAsText("EventId")).containsExactly("e-1", "e-\"2\"");
        assertThat(PageToken.decode(page.path("NextToken").asText(), query, "nextToken")).isEqualTo(second.position());
        assertThat(last.toString()).isEqualTo("{\"Events\":[]}");
    }

    @Test
    void anInstanceAnswerReadsBackAsItWasGiven() throws Exception {
        final StoredEvent stored = StoredEvent.of(CloudTrailJson.fromJson(EventsJson.MAPPER.readTree(RECORD)));
        final EventPosition bound = new EventPosition(stored.position().timeMillis() - 5, "zz");

        final EventsJson.InstanceAnswer answer = EventsJson.parseInstanceAnswer(new String(EventsJson.instanceAnswer(
            new LocalHistory.LocalAnswer(Set.of(1, 4), new PartialPage<>(List.of(stored), bound))),
            java.nio.charset.StandardCharsets.UTF_8), "peer");

        assertThat(answer.partitions()).containsExactly(1, 4);
        assertThat(answer.page().bound()).isEqualTo(bound);
        assertThat(answer.page().hits()).extracting(RenderedEvent::position).containsExactly(stored.position());
        assertThat(EventsJson.MAPPER.readTree(answer.page().hits().get(0).json()))
            .isEqualTo(EventsJson.MAPPER.readTree(EventsJson.render(stored).json()));
    }
}
