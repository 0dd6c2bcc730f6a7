package io.trailwatch.app.cloudtraildata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.aws.AwsError;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IntegrationEventsTest {

    private static final String ACCOUNT = "123456789012";
    private static final ChannelArn CHANNEL = ChannelArn.of("arn:aws:cloudtrail:eu-west-1:" + ACCOUNT
        + ":channel/c-1", ACCOUNT, "eu-west-1");
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String VALID = """
        {"version": "2.0", "userIdentity": {"type": "CustomUser", "principalId": "alice", "details": {"team": "ops"}},
         "eventSource": "shop.example.com", "eventName": "Refund", "eventTime": "2026-12-01T09:30:00",
         "UID": "u-1", "recipientAccountId": "123456789012", "additionalEventData": {"x": 1}}""";

    @Test
    void anIntegrationEventIsACloudTrailRecordWithWhatCloudTrailAddsOnIngestion() throws Exception {
        final AuditEvent record = IntegrationEvents.record(VALID, CHANNEL, "id-1", NOW);

        assertThat(record.getEventID()).isEqualTo("id-1");
        assertThat(record.getEventVersion()).isEqualTo("2.0");
        assertThat(record.getEventTime()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(record.getAwsRegion()).isEqualTo("eu-west-1");
        assertThat(record.getSourceIPAddress()).isEqualTo("shop.example.com");
        assertThat(record.getRequestID()).isEqualTo("u-1");
        assertThat(record.getEventCategory()).isEqualTo("ActivityAuditLog");
        assertThat(record.getEventType()).isEqualTo("ActivityLog");
        final var json = CloudTrailJson.toJson(record);
        assertThat(json.at("/userIdentity/details/team").asText()).isEqualTo("ops");
        assertThat(json.at("/metadata/channelARN").asText()).isEqualTo(CHANNEL.arn());
        assertThat(json.at("/metadata/ingestionTime").asText()).isEqualTo("2026-12-06T12:00:00Z");
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
        FieldNotFound    | "eventName": "Refund",                | ''                                    | eventName is required
        InvalidData      | "eventTime": "2026-12-01T09:30:00",   | "eventTime": "yesterday",             | eventTime must be
        InvalidData      | "UID": "u-1",                         | "UID": 7,                             | UID must be a string
        InvalidData      | "additionalEventData": {"x": 1}       | "additionalEventData": [1]            | a JSON object
        InvalidRecipient | "recipientAccountId": "123456789012", | "recipientAccountId": "111122223333", | owns the channel
        InvalidData      | "version": "2.0",                     | "version": "2.0", "eventID": "mine",  | eventID is not a field
        """)
    void anEventOutsideTheSchemaIsRefusedWithCloudTrailDatasCode(final String code, final String field,
                                                                 final String replacement, final String message) {
        final String eventData = VALID.replace(field, replacement);

        assertThatThrownBy(() -> IntegrationEvents.record(eventData, CHANNEL, "id-1", NOW))
            .isInstanceOfSatisfying(IntegrationEvents.Refused.class, e -> {
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.getMessage()).contains(message);
            });
    }

    @Test
    void aChannelArnOfAnotherFormIsInvalidAndOneOfAnotherAccountNotFound() {
        assertThatThrownBy(() -> ChannelArn.of("arn:aws:cloudtrail:eu-west-1:" + ACCOUNT + ":trail/t", ACCOUNT,
            "eu-west-1")).isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.shape()).isEqualTo(
                "InvalidChannelARN"));
        assertThatThrownBy(() -> ChannelArn.of("arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":channel/c", ACCOUNT,
            "eu-west-1")).isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.shape()).isEqualTo(
                "ChannelNotFound"));
    }
}
