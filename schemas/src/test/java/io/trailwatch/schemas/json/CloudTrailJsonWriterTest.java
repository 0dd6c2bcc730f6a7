package io.trailwatch.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AuditEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudTrailJsonWriterTest {

    private static List<JsonNode> records() throws Exception {
        try (InputStream in = CloudTrailJsonWriterTest.class.getResourceAsStream("/cloudtrail-log-file.json")) {
            return CloudTrailJson.records(CloudTrailJson.MAPPER.readTree(in));
        }
    }

    private static String written(final AuditEvent event) {
        return new String(CloudTrailJsonWriter.toBytes(event), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSameTextAsTheTreeFieldForField() throws Exception {
        // The first record without the fields the schema does not model: every modelled field set, written unparsed.
        final ObjectNode everyField = (ObjectNode) records().get(0).deepCopy();
        everyField.remove("addendum");
        ((ObjectNode) everyField.path("userIdentity").path("sessionContext")).remove("webIdFederationData");
        final AuditEvent full = CloudTrailJson.fromJson(everyField);
        assertThat(full.getOtherFields()).isNull();
        final AuditEvent sparse = CloudTrailJson.fromJson(records().get(1));
        assertThat(sparse.getOtherFields()).isNull();

        assertThat(written(full)).isEqualTo(CloudTrailJson.toJson(full).toString());
        assertThat(written(sparse)).isEqualTo(CloudTrailJson.toJson(sparse).toString());
        assertThat(CloudTrailJson.MAPPER.readTree(written(full))).isEqualTo(everyField);
    }

    @Test
    void mergesBackTheFieldsTheSchemaDoesNotModel() throws Exception {
        final JsonNode original = records().get(0);

        assertThat(CloudTrailJson.MAPPER.readTree(written(CloudTrailJson.fromJson(original)))).isEqualTo(original);
    }

    @Test
    void copiesJsonTextAsItsValueAndWritesAnythingElseAsAString() throws Exception {
        final AuditEvent base = CloudTrailJson.fromJson(records().get(1));
        final AuditEvent spaced = AuditEvent.newBuilder(base).setRequestParameters("{ \"bucketName\" : \"b\" }")
            .setResponseElements("[1, 2.50, null]").build();
        final JsonNode spacedJson = CloudTrailJson.MAPPER.readTree(written(spaced));
        assertThat(spacedJson).isEqualTo(CloudTrailJson.toJson(spaced));
        assertThat(spacedJson.path("requestParameters").path("bucketName").asText()).isEqualTo("b");

        for (final String notOneValue : List.of("not json", "{\"a\":1} {\"b\":2}", "{\"a\":\"\\q\"}", "{\"a\":1",
            "", "   ", "{\"a\":1}}")) {
            final AuditEvent event = AuditEvent.newBuilder(base).setRequestParameters(notOneValue).build();
            assertThat(CloudTrailJson.MAPPER.readTree(written(event)).path("requestParameters").textValue())
                .as("request parameters %s", notOneValue).isEqualTo(notOneValue);
            // What filters match against holds the same string.
            assertThat(CloudTrailJson.toJson(event).path("requestParameters").textValue())
                .as("request parameters %s in the tree", notOneValue).isEqualTo(notOneValue);
        }
    }

    /**
     * LookupEvents' CloudTrailEvent: each record, written one after another through the same writer (a long one
     * between short ones, one with fields the schema does not model, one with characters beyond the Basic Plane),
     * reads back as a string holding exactly its own text.
     */
    @Test
    void writesRecordsInARowEachAsAStringOfItsOwnText() throws Exception {
        final AuditEvent sparse = CloudTrailJson.fromJson(records().get(1));
        final List<AuditEvent> events = List.of(sparse, CloudTrailJson.fromJson(records().get(0)),
            AuditEvent.newBuilder(sparse).setRequestParameters("{\"note\":\"\uD83D\uDE80 \\\" \\n\",\"pad\":\""
                + "x".repeat(5_000) + "\"}").build(),
            sparse);
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        try (CloudTrailJsonWriter.AsString writer = new CloudTrailJsonWriter.AsString();
             com.fasterxml.jackson.core.JsonGenerator json = CloudTrailJson.MAPPER.createGenerator(out)) {
            json.writeStartArray();
            for (final AuditEvent event : events) {
                writer.write(event, json);
            }
            json.writeEndArray();
        }

        final JsonNode strings = CloudTrailJson.MAPPER.readTree(out.toByteArray());
        assertThat(strings).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(strings.get(i).isTextual()).isTrue();
            assertThat(strings.get(i).textValue()).as("record %d", i).isEqualTo(written(events.get(i)));
        }
    }

    /** Archived files keep the bytes they had when records were written from the tree's text. */
    @Test
    void writesCharactersBeyondTheBasicPlaneAsUtf8() throws Exception {
        final AuditEvent event = AuditEvent.newBuilder(CloudTrailJson.fromJson(records().get(1)))
            .setUserAgent("console \uD83D\uDE00 ü").setRequestParameters("{\"note\":\"\uD83D\uDE80\"}").build();

        final byte[] bytes = CloudTrailJsonWriter.toBytes(event);

        assertThat(bytes).isEqualTo(CloudTrailJson.toJson(event).toString().getBytes(StandardCharsets.UTF_8));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("console \uD83D\uDE00 ü").doesNotContain("\\uD83D");
    }

    @Test
    void recognisesExactlyOneJsonValue() {
        assertThat(CloudTrailJsonWriter.isOneJsonValue("{\"a\":[1,{\"b\":\"\\u00e9\"}]}")).isTrue();
        assertThat(CloudTrailJsonWriter.isOneJsonValue(" \"text\" ")).isTrue();
        assertThat(CloudTrailJsonWriter.isOneJsonValue("42")).isTrue();
        assertThat(CloudTrailJsonWriter.isOneJsonValue("null")).isTrue();
        assertThat(CloudTrailJsonWriter.isOneJsonValue("1 2")).isFalse();
        assertThat(CloudTrailJsonWriter.isOneJsonValue("[1,]")).isFalse();
        assertThat(CloudTrailJsonWriter.isOneJsonValue("{'a':1}")).isFalse();
    }
}
