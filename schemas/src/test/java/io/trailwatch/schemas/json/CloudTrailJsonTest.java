package io.trailwatch.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AuditEvent;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudTrailJsonTest {

    private static JsonNode logFile() throws Exception {
        try (InputStream in = CloudTrailJsonTest.class.getResourceAsStream("/cloudtrail-log-file.json")) {
            return CloudTrailJson.MAPPER.readTree(in);
        }
    }

    @Test
    void readsEveryRecordOfACloudTrailLogFile() throws Exception {
        final List<JsonNode> records = CloudTrailJson.records(logFile());

        assertThat(records).hasSize(2);
        final AuditEvent deleteBucket = CloudTrailJson.fromJson(records.get(0));
        assertThat(deleteBucket.getEventName()).isEqualTo("DeleteBucket");
        assertThat(deleteBucket.getEventTime()).isEqualTo(Instant.parse("2026-11-21T10:02:11Z"));
        assertThat(deleteBucket.getUserIdentity().getSessionContext().getSessionIssuer().getUserName()).isEqualTo("Admin");
        assertThat(deleteBucket.getUserIdentity().getSessionContext().getAttributes().getMfaAuthenticated()).isEqualTo("true");
        assertThat(deleteBucket.getResources()).singleElement()
            .satisfies(resource -> assertThat(resource.getARN()).isEqualTo("arn:aws:s3:::customer-invoices"));
        assertThat(deleteBucket.getReadOnly()).isFalse();
    }

    @Test
    void roundTripsEveryFieldIncludingOnesTheSchemaDoesNotModel() throws Exception {
        for (final JsonNode original : CloudTrailJson.records(logFile())) {
            final ObjectNode rendered = CloudTrailJson.toJson(CloudTrailJson.fromJson(original));

            assertThat(rendered).isEqualTo(original);
        }
    }

    @Test
    void acceptsASingleRecordAndAnArray() throws Exception {
        final JsonNode first = CloudTrailJson.records(logFile()).get(0);

        assertThat(CloudTrailJson.records(first)).containsExactly(first);
        assertThat(CloudTrailJson.records(CloudTrailJson.MAPPER.createArrayNode().add(first).add(first))).hasSize(2);
    }

    @Test
    void namesTheMissingRequiredField() throws Exception {
        final ObjectNode record = (ObjectNode) CloudTrailJson.records(logFile()).get(0).deepCopy();
        record.remove("eventName");

        assertThatThrownBy(() -> CloudTrailJson.fromJson(record))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("eventName");
                assertThat(e.getMessage()).isEqualTo("field 'eventName': is required");
            });
    }

    @Test
    void namesTheNestedFieldOfAMissingIdentityType() throws Exception {
        final ObjectNode record = (ObjectNode) CloudTrailJson.records(logFile()).get(1).deepCopy();
        ((ObjectNode) record.get("userIdentity")).remove("type");

        assertThatThrownBy(() -> CloudTrailJson.fromJson(record))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("userIdentity.type"));
    }

    @Test
    void rejectsMalformedValuesWithTheReason() throws Exception {
        final ObjectNode badTime = (ObjectNode) CloudTrailJson.records(logFile()).get(1).deepCopy();
        badTime.put("eventTime", "yesterday");
        final ObjectNode badFlag = (ObjectNode) CloudTrailJson.records(logFile()).get(0).deepCopy();
        badFlag.put("readOnly", "maybe");

        assertThatThrownBy(() -> CloudTrailJson.fromJson(badTime))
            .hasMessageContaining("field 'eventTime'").hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> CloudTrailJson.fromJson(badFlag))
            .hasMessageContaining("field 'readOnly': must be true or false");
        assertThatThrownBy(() -> CloudTrailJson.fromJson(CloudTrailJson.MAPPER.readTree("[1]").get(0)))
            .hasMessageContaining("must be a JSON object");
    }
}
