package io.trailwatch.processors.logs.subscription;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static io.trailwatch.processors.testing.TopologyHarness.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscription filters: each kept event of a group matching a filter, once per filter, in CloudWatch's payload. */
class SubscriptionFilterTopologyTest {

    private final TopologyHarness harness = new TopologyHarness();

    @BeforeEach
    void start() {
        harness.start(SubscriptionFilterTopology.build(harness.serdes(), "123456789012"));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void define(final String group, final String name, final String pattern, final String topic,
                        final String distribution) {
        harness.define(DefinitionKind.SUBSCRIPTION_FILTER, """
            {"logGroupName": "%s", "filterName": "%s", "filterPattern": %s, "destinationArn": "arn:%s",
             "destinationTopic": "%s", "distribution": "%s", "creationTime": 0}""".formatted(group, name,
            Definitions.MAPPER.valueToTree(pattern), topic, topic, distribution));
    }

    private TestOutputTopic<String, String> topic(final String name) {
        return harness.driver().createOutputTopic(name, Serdes.String().deserializer(),
            Serdes.String().deserializer());
    }

    private void send(final String group, final String stream, final String message) {
        harness.input(Topics.LOGS).pipeInput(group + "/" + stream, new LogEvent(group, stream, START.minusSeconds(1),
            message), START);
    }

    @Test
    void matchingEventsAreDeliveredOncePerFilterAsCloudWatchsDataMessage() throws Exception {
        define("/app/web", "errors", "ERROR", "app-errors", "ByLogStream");
        define("/app/web", "all", "", "app-all", "Random");
        send("/app/web", "web-1", "ERROR disk full");
        send("/app/web", "web-1", "INFO fine");
        send("/app/other", "web-1", "ERROR elsewhere");
        send("/app/web", "web-1", "");

        final List<TestRecord<String, String>> errors = topic("app-errors").readRecordsToList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key()).isEqualTo("/app/web/web-1");
        final JsonNode payload = Definitions.MAPPER.readTree(errors.get(0).value());
        assertThat(payload.path("messageType").asText()).isEqualTo("DATA_MESSAGE");
        assertThat(payload.path("owner").asText()).isEqualTo("123456789012");
        assertThat(payload.path("logGroup").asText()).isEqualTo("/app/web");
        assertThat(payload.path("logStream").asText()).isEqualTo("web-1");
        assertThat(payload.path("subscriptionFilters").toString()).isEqualTo("[\"errors\"]");
        assertThat(payload.path("logEvents").size()).isEqualTo(1);
        assertThat(payload.path("logEvents").get(0).path("message").asText()).isEqualTo("ERROR disk full");
        assertThat(payload.path("logEvents").get(0).path("timestamp").asLong())
            .isEqualTo(START.minusSeconds(1).toEpochMilli());
        // Random: keyed by the record, not the stream; the invalid (empty) event is delivered by neither filter
        assertThat(topic("app-all").readRecordsToList()).hasSize(2)
            .extracting(TestRecord::key).doesNotContain("/app/web/web-1");
    }

    @Test
    void theAuditTrailsGroupHasSubscriptionsToo() throws Exception {
        define("trailwatch/audit", "deletes", "{ $.eventName = \"DeleteBucket\" }", "deletes", "ByLogStream");
        harness.input(Topics.AUDIT).pipeInput("e1", auditEvent("DeleteBucket", START), START);
        harness.input(Topics.AUDIT).pipeInput("e2", auditEvent("ListBuckets", START), START);

        final List<TestRecord<String, String>> deletes = topic("deletes").readRecordsToList();
        assertThat(deletes).hasSize(1);
        final JsonNode payload = Definitions.MAPPER.readTree(deletes.get(0).value().getBytes(StandardCharsets.UTF_8));
        assertThat(payload.path("logStream").asText()).isEqualTo("123456789012_CloudTrail_eu-west-1");
        assertThat(Definitions.MAPPER.readTree(payload.path("logEvents").get(0).path("message").asText())
            .path("eventName").asText()).isEqualTo("DeleteBucket");
    }
}
