package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.testkit.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * CloudTrail Data's PutAuditEvents through the AWS CLI (restJson1): a valid integration event becomes a CloudTrail
 * record that LookupEvents finds; an event whose checksum does not match is answered in {@code failed}; a channel
 * ARN of another form is refused with CloudTrail Data's error.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsCloudTrailDataIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A channel of the shared Trailwatch's account and region. */
    private static final String CHANNEL = "arn:aws:cloudtrail:us-east-1:000000000000:channel/"
        + "01234567-89ab-cdef-0123-456789abcdef";
    private static String endpoint;
    private static TestIdentity identity;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
    }

    private static ObjectNode eventData(final String eventName) {
        final ObjectNode data = JSON.createObjectNode();
        data.put("version", "1.0");
        data.putObject("userIdentity").put("type", "CustomUser").put("principalId", "alice")
            .putObject("details").put("team", "payments");
        data.put("userAgent", "shop-backend/2.1");
        data.put("eventSource", "shop.example.com");
        data.put("eventName", eventName);
        data.put("eventTime", "2026-12-01T09:30:00Z");
        data.put("UID", UniqueNames.of("uid"));
        data.putObject("requestParameters").put("orderId", "o-7");
        data.put("sourceIPAddress", "192.0.2.10");
        data.put("recipientAccountId", "000000000000");
        return data;
    }

    private static ObjectNode auditEvent(final String id, final String eventData, final String checksum) {
        final ObjectNode event = JSON.createObjectNode().put("id", id).put("eventData", eventData);
        if (checksum != null) {
            event.put("eventDataChecksum", checksum);
        }
        return event;
    }

    private static String checksum(final String eventData) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
            .digest(eventData.getBytes(StandardCharsets.UTF_8)));
    }

    private static AwsClients.Result putAuditEvents(final String channel, final ArrayNode events) throws Exception {
        return AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudtrail-data", "put-audit-events",
            "--channel-arn", channel, "--audit-events", events.toString());
    }

    @Test
    void aValidEventIsInTheAuditTrailAndABadChecksumFailsItsEventAlone() throws Exception {
        final String eventName = UniqueNames.of("RefundOrder");
        final String valid = eventData(eventName).toString();
        final String tampered = eventData(eventName + "-tampered").toString();
        final ArrayNode events = JSON.createArrayNode()
            .add(auditEvent("valid-1", valid, checksum(valid)))
            .add(auditEvent("tampered-2", tampered, checksum(valid)))
            .add(auditEvent("incomplete-3", "{\"version\": \"1.0\"}", null));

        final AwsClients.Result put = putAuditEvents(CHANNEL, events);

        assertThat(put.exitCode()).as(put.stderr()).isZero();
        final JsonNode answer = put.json();
        assertThat(answer.path("successful")).singleElement().satisfies(ok -> {
            assertThat(ok.path("id").asText()).isEqualTo("valid-1");
            assertThat(ok.path("eventID").asText()).isNotBlank();
        });
        assertThat(answer.path("failed")).hasSize(2);
        assertThat(answer.path("failed").get(0).path("id").asText()).isEqualTo("tampered-2");
        assertThat(answer.path("failed").get(0).path("errorCode").asText()).isEqualTo("InvalidChecksum");
        assertThat(answer.path("failed").get(1).path("errorCode").asText()).isEqualTo("FieldNotFound");
        assertThat(answer.path("failed").get(1).path("errorMessage").asText()).contains("userIdentity");

        final String eventId = answer.path("successful").get(0).path("eventID").asText();
        final JsonNode record = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> lookup(eventName), found -> found != null);
        assertThat(record.path("eventID").asText()).isEqualTo(eventId);
        assertThat(record.path("eventSource").asText()).isEqualTo("shop.example.com");
        assertThat(record.path("eventTime").asText()).isEqualTo("2026-12-01T09:30:00Z");
        assertThat(record.path("eventCategory").asText()).isEqualTo("ActivityAuditLog");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.at("/userIdentity/principalId").asText()).isEqualTo("alice");
        assertThat(record.at("/userIdentity/details/team").asText()).isEqualTo("payments");
        assertThat(record.at("/requestParameters/orderId").asText()).isEqualTo("o-7");
        assertThat(record.at("/metadata/channelARN").asText()).isEqualTo(CHANNEL);
        assertThat(lookup(eventName + "-tampered")).isNull();
    }

    /** The CloudTrail record LookupEvents (over /v1/events) finds by event name, or null. */
    private static JsonNode lookup(final String eventName) throws Exception {
        final HttpResponse<String> found = identity.send("GET", endpoint + "/v1/events?EventName=" + eventName, null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        final JsonNode events = JSON.readTree(found.body()).path("Events");
        return events.isEmpty() ? null : JSON.readTree(events.get(0).path("CloudTrailEvent").asText());
    }

    @Test
    void aChannelArnOfAnotherFormIsRefusedAndOneOfAnotherAccountIsNotFound() throws Exception {
        final String data = eventData(UniqueNames.of("Refused")).toString();
        final ArrayNode events = JSON.createArrayNode().add(auditEvent("e-1", data, null));

        final AwsClients.Result invalid = putAuditEvents("arn:aws:sqs:us-east-1:000000000000:channel", events);
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("InvalidChannelARN").contains("not a valid channel ARN");

        final AwsClients.Result elsewhere = putAuditEvents(CHANNEL.replace("000000000000", "111122223333"), events);
        assertThat(elsewhere.exitCode()).isNotZero();
        assertThat(elsewhere.stderr()).contains("ChannelNotFound");
    }

    @Test
    void twoEventsOfOneIdAreRefused() throws Exception {
        final String eventName = UniqueNames.of("Twice");
        final String data = eventData(eventName).toString();
        final ArrayNode events = JSON.createArrayNode().add(auditEvent("same", data, null))
            .add(auditEvent("same", data, null));

        final AwsClients.Result put = putAuditEvents(CHANNEL, events);

        assertThat(put.exitCode()).isNotZero();
        assertThat(put.stderr()).contains("DuplicatedAuditEventId");
    }
}
