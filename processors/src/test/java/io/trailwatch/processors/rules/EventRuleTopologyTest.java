package io.trailwatch.processors.rules;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static io.trailwatch.processors.testing.TopologyHarness.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event rules on both kinds of envelope: audit events and alarm state changes. */
class EventRuleTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REMEDIATION = "security.remediation";
    private static final String PAGER = "ops.pager";

    private final TopologyHarness harness = new TopologyHarness();
    private TestInputTopic<String, AuditEvent> audit;
    private TestInputTopic<String, AlarmStateChange> alarms;
    private TestInputTopic<String, String> custom;

    @BeforeEach
    void start() {
        harness.start(EventRuleTopology.build(harness.serdes(), new EventEnvelopes("123456789012", "eu-west-1")));
        audit = harness.input(Topics.AUDIT);
        alarms = harness.input(Topics.ALARMS);
        custom = harness.input(Topics.EVENTS);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void rule(final String name, final String pattern, final String topic) {
        harness.define(DefinitionKind.RULE, """
            {"name": "%s", "eventPattern": %s, "targetTopic": "%s"}""".formatted(name, pattern, topic));
    }

    private TestOutputTopic<String, String> target(final String topic) {
        return harness.driver().createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    private static JsonNode json(final String text) {
        try {
            return JSON.readTree(text);
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anAuditEventMatchingARuleGoesToItsTopicInTheCloudTrailEnvelope() throws Exception {
        rule("BucketDeletions", """
            {"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"],
             "detail": {"eventName": [{"prefix": "Delete"}], "userIdentity": {"userName": ["bob"]}}}""", REMEDIATION);
        final AuditEvent deleteBucket = auditEvent("DeleteBucket", START);

        audit.pipeInput(deleteBucket.getEventID(), auditEvent("ListBuckets", START));
        audit.pipeInput(deleteBucket.getEventID(), deleteBucket);

        final List<TestRecord<String, String>> delivered = target(REMEDIATION).readRecordsToList();
        assertThat(delivered).hasSize(1);
        final JsonNode envelope = json(delivered.get(0).value());
        assertThat(envelope.get("version").asText()).isEqualTo("0");
        assertThat(envelope.get("detail-type").asText()).isEqualTo("AWS API Call via CloudTrail");
        assertThat(envelope.get("source").asText()).isEqualTo("aws.s3");
        assertThat(envelope.get("account").asText()).isEqualTo("123456789012");
        assertThat(envelope.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(envelope.get("resources").isArray()).isTrue();
        assertThat(envelope.at("/detail/eventName").asText()).isEqualTo("DeleteBucket");
        assertThat(envelope.at("/detail/eventID").asText()).isEqualTo(deleteBucket.getEventID());
        assertThat(delivered.get(0).key()).isEqualTo(envelope.get("id").asText());
        assertThat(new String(delivered.get(0).headers().lastHeader("trailwatch.rule").value(), StandardCharsets.UTF_8))
            .isEqualTo("BucketDeletions");
    }

    @Test
    void theEnvelopeIdIsTheSameWhenTheSameEventIsReplayed() {
        rule("Everything", "{\"source\": [{\"prefix\": \"aws.\"}]}", REMEDIATION);
        final AuditEvent event = auditEvent("PutObject", START);
        final AuditEvent other = auditEvent("PutObject", START);

        audit.pipeInput(event.getEventID(), event);
        audit.pipeInput(event.getEventID(), event);
        audit.pipeInput(other.getEventID(), other);

        final List<String> ids = target(REMEDIATION).readKeyValuesToList().stream().map(kv -> kv.key).toList();
        assertThat(ids).hasSize(3);
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
    }

    @Test
    void eventBridgeOperatorsAndArraySemanticsAreTheEnginesOwn() {
        rule("NotFromTheOffice", """
            {"detail": {"sourceIPAddress": [{"anything-but": {"prefix": "10."}}],
                        "userIdentity": {"type": ["IAMUser", "Root"]},
                        "errorCode": [{"exists": false}]}}""", REMEDIATION);
        final AuditEvent fromOffice = auditEvent("DeleteBucket", START);
        fromOffice.setSourceIPAddress("10.1.2.3");
        final AuditEvent denied = auditEvent("DeleteBucket", START);
        denied.setErrorCode("AccessDenied");
        final AuditEvent role = auditEvent("DeleteBucket", START);
        role.setUserIdentity(UserIdentity.newBuilder().setType("AssumedRole").build());
        final AuditEvent matching = auditEvent("DeleteBucket", START);

        List.of(fromOffice, denied, role, matching).forEach(event -> audit.pipeInput(event.getEventID(), event));

        assertThat(target(REMEDIATION).readValuesToList()).singleElement()
            .satisfies(value -> assertThat(json(value).at("/detail/eventID").asText()).isEqualTo(matching.getEventID()));
    }

    @Test
    void anAlarmStateChangeMatchingARuleGoesToItsTopicInTheCloudWatchEnvelope() throws Exception {
        rule("AlarmsToPager", """
            {"source": ["aws.cloudwatch"], "detail-type": ["CloudWatch Alarm State Change"],
             "detail": {"state": {"value": ["ALARM"]}}}""", PAGER);

        alarms.pipeInput("S3BucketDeleted", change(AlarmStateValue.INSUFFICIENT_DATA, AlarmStateValue.OK));
        alarms.pipeInput("S3BucketDeleted", change(AlarmStateValue.OK, AlarmStateValue.ALARM));

        final List<TestRecord<String, String>> delivered = target(PAGER).readRecordsToList();
        assertThat(delivered).hasSize(1);
        final JsonNode envelope = json(delivered.get(0).value());
        assertThat(delivered.get(0).key()).isEqualTo("transition-2");
        assertThat(envelope.get("id").asText()).isEqualTo("transition-2");
        assertThat(envelope.get("source").asText()).isEqualTo("aws.cloudwatch");
        assertThat(envelope.get("detail-type").asText()).isEqualTo("CloudWatch Alarm State Change");
        assertThat(envelope.get("account").asText()).isEqualTo("123456789012");
        assertThat(envelope.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-21T10:05:07Z");
        assertThat(envelope.get("resources").get(0).asText())
            .isEqualTo("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:S3BucketDeleted");
        final JsonNode detail = envelope.get("detail");
        assertThat(detail.get("alarmName").asText()).isEqualTo("S3BucketDeleted");
        assertThat(detail.at("/state/value").asText()).isEqualTo("ALARM");
        assertThat(detail.at("/state/reason").asText()).startsWith("Threshold Crossed");
        assertThat(detail.at("/state/reasonData").asText()).contains("\"threshold\":1.0");
        assertThat(detail.at("/state/timestamp").asText()).isEqualTo("2026-11-21T10:05:07.250+0000");
        assertThat(detail.at("/previousState/value").asText()).isEqualTo("OK");
        assertThat(detail.at("/configuration/description").asText()).isEqualTo("Buckets deleted");
        final JsonNode metricStat = detail.at("/configuration/metrics/0/metricStat");
        assertThat(metricStat.at("/metric/namespace").asText()).isEqualTo("Security");
        assertThat(metricStat.at("/metric/name").asText()).isEqualTo("DeleteBucketCount");
        assertThat(metricStat.at("/metric/dimensions/Bucket").asText()).isEqualTo("invoices");
        assertThat(metricStat.get("period").asInt()).isEqualTo(60);
        assertThat(metricStat.get("stat").asText()).isEqualTo("Sum");
    }

    @Test
    void eachMatchingRuleDeliversItsOwnCopyAndDisabledRulesNone() {
        rule("ToRemediation", "{\"detail\": {\"eventName\": [\"DeleteBucket\"]}}", REMEDIATION);
        rule("ToPager", "{\"source\": [\"aws.s3\"]}", PAGER);
        harness.define(DefinitionKind.RULE, """
            {"name": "Disabled", "eventPattern": {"source": ["aws.s3"]}, "targetTopic": "%s", "state": "DISABLED"}"""
            .formatted(REMEDIATION));

        final AuditEvent event = auditEvent("DeleteBucket", START);
        audit.pipeInput(event.getEventID(), event);

        assertThat(target(REMEDIATION).readRecordsToList()).extracting(record ->
            new String(record.headers().lastHeader("trailwatch.rule").value(), StandardCharsets.UTF_8))
            .containsExactly("ToRemediation");
        assertThat(target(PAGER).readValuesToList()).hasSize(1);
    }

    @Test
    void aCustomEventFromPutEventsGoesAsItIsToEveryTargetOfTheRulesItMatches() {
        harness.define(DefinitionKind.RULE, """
            {"name": "Orders", "eventPattern": {"source": ["com.shop"], "detail": {"total": [{"numeric": [">", 100]}]}},
             "targets": [{"id": "pager", "topic": "%s"}, {"id": "remediation", "topic": "%s"}]}"""
            .formatted(PAGER, REMEDIATION));
        final String big = new EventEnvelopes("123456789012", "eu-west-1").custom("e-1", "com.shop", "Order Placed",
            START, List.of("arn:shop:order/1"), json("{\"total\": 250}")).toString();
        final String small = big.replace("250", "5").replace("e-1", "e-2");

        custom.pipeInput("e-2", small);
        custom.pipeInput("junk", "not an envelope");
        custom.pipeInput("forged", big.replace("e-1", "e-3").replaceFirst("\"source\":\"[^\"]*\"",
            "\"source\":\"aws.s3\""));
        custom.pipeInput("e-1", big);

        final List<TestRecord<String, String>> paged = target(PAGER).readRecordsToList();
        assertThat(paged).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("e-1");
            assertThat(json(record.value())).isEqualTo(json(big));
            assertThat(json(record.value()).get("detail-type").asText()).isEqualTo("Order Placed");
            assertThat(json(record.value()).get("time").asText()).isEqualTo("2026-11-21T10:00:00Z");
        });
        assertThat(target(REMEDIATION).readValuesToList()).containsExactly(paged.get(0).value());
        // The record written around PutEvents is set aside with the reason, not dropped.
        // So is one written around PutEvents that claims to be AWS's own event.
        final List<TestRecord<String, String>> deadLetters = target(Topics.DEADLETTER.name()).readRecordsToList();
        assertThat(deadLetters).extracting(TestRecord::key).containsExactly("junk", "forged");
        assertThat(deadLetters.get(0).value()).isEqualTo("not an envelope");
        assertThat(new String(deadLetters.get(0).headers().lastHeader(DeadLetters.MESSAGE).value(),
            java.nio.charset.StandardCharsets.UTF_8)).contains("not an EventBridge event envelope");
        assertThat(new String(deadLetters.get(1).headers().lastHeader(DeadLetters.MESSAGE).value(),
            java.nio.charset.StandardCharsets.UTF_8)).contains("aws.*");
    }

    @Test
    void aRuleChangeAppliesToTheNextEventWithoutARestart() {
        audit.pipeInput("e1", auditEvent("DeleteBucket", START));
        rule("Deletes", "{\"detail\": {\"eventName\": [\"DeleteBucket\"]}}", REMEDIATION);
        audit.pipeInput("e2", auditEvent("DeleteBucket", START.plusSeconds(1)));
        rule("Deletes", "{\"detail\": {\"eventName\": [\"DeleteObject\"]}}", REMEDIATION);
        audit.pipeInput("e3", auditEvent("DeleteBucket", START.plusSeconds(2)));
        audit.pipeInput("e4", auditEvent("DeleteObject", START.plusSeconds(3)));
        harness.undefine(DefinitionKind.RULE, "Deletes");
        audit.pipeInput("e5", auditEvent("DeleteObject", START.plusSeconds(4)));

        assertThat(target(REMEDIATION).readValuesToList()).extracting(value -> json(value).at("/detail/eventTime").asText())
            .containsExactly("2026-11-21T10:00:01Z", "2026-11-21T10:00:03Z");
    }

    private static AlarmStateChange change(final AlarmStateValue from, final AlarmStateValue to) {
        final java.time.Instant at = START.plusSeconds(307).plusMillis(250);
        return AlarmStateChange.newBuilder()
            .setId(to == AlarmStateValue.ALARM ? "transition-2" : "transition-1")
            .setAlarmName("S3BucketDeleted")
            .setState(new AlarmState(to, "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (21/11/26 10:04:00)] "
                + "was greater than or equal to the threshold (1.0)", "{\"version\":\"1.0\",\"threshold\":1.0}", at))
            .setPreviousState(new AlarmState(from, "Unchecked: Initial alarm creation", null, START))
            .setConfiguration(AlarmConfiguration.newBuilder().setDescription("Buckets deleted").setNamespace("Security")
                .setMetricName("DeleteBucketCount").setDimensions(List.of(new Dimension("Bucket", "invoices")))
                .setStatistic("Sum").setPeriod(60).setEvaluationPeriods(1).setThreshold(1.0)
                .setComparisonOperator("GreaterThanOrEqualToThreshold").build())
            .build();
    }

    /** A rule name that the task of the given partition fires (the test driver runs partition 0's tasks only). */
    private static String scheduledRuleOf(final int partition, final String prefix) {
        return java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> prefix + i)
            .filter(name -> ScheduledRuleProcessor.owns(name, partition, Topics.EVENTS.partitions()))
            .findFirst().orElseThrow();
    }

    @Test
    void aScheduledRuleSendsOneScheduledEventPerTickAndATickMissedIsSentLate() throws Exception {
        final String name = scheduledRuleOf(0, "EveryMinute");
        final String elsewhere = scheduledRuleOf(1, "Elsewhere");
        for (final String rule : List.of(name, elsewhere)) {
            harness.define(DefinitionKind.RULE, """
                {"name": "%s", "scheduleExpression": "rate(1 minute)", "targetTopic": "%s"}""".formatted(rule, PAGER));
        }

        harness.driver().advanceWallClockTime(java.time.Duration.ofSeconds(1));
        assertThat(target(PAGER).isEmpty()).as("a new rule starts with its next tick").isTrue();
        // Three minutes without a pass (a stopped instance): the three ticks are sent when time moves on.
        harness.driver().advanceWallClockTime(java.time.Duration.ofMinutes(3));
        harness.driver().advanceWallClockTime(java.time.Duration.ofSeconds(30));

        final List<TestRecord<String, String>> delivered = target(PAGER).readRecordsToList();
        assertThat(delivered).extracting(record -> json(record.value()).get("time").asText())
            .containsExactly("2026-11-21T10:01:00Z", "2026-11-21T10:02:00Z", "2026-11-21T10:03:00Z");
        final JsonNode first = json(delivered.get(0).value());
        assertThat(first.get("source").asText()).isEqualTo("aws.events");
        assertThat(first.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(first.get("resources").get(0).asText()).isEqualTo("arn:aws:events:eu-west-1:123456789012:rule/"
            + name);
        assertThat(first.get("detail").size()).isZero();
        assertThat(delivered.get(0).key()).isEqualTo(first.get("id").asText());
        assertThat(delivered.get(0).timestamp()).isEqualTo(java.time.Instant.parse("2026-11-21T10:01:00Z")
            .toEpochMilli());
    }
}
