package io.trailwatch.processors;

import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.apiCall;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.consoleLogin;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.denied;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.invokedBy;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.rootCall;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.with;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.without;
import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.definitions.Packs;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CIS pack end to end through the whole topology: realistic CloudTrail records that must not match leave the
 * control's alarm out of ALARM; one that must match becomes a datum of the control's metric only, whose 5-minute
 * Sum raises the control's alarm.
 */
class CisPackTest {

    private final TopologyHarness harness = new TopologyHarness();
    private TestInputTopic<String, AuditEvent> audit;
    private TestOutputTopic<String, MetricDatum> metrics;
    private TestOutputTopic<String, AlarmStateChange> alarms;

    @BeforeEach
    void start() throws Exception {
        harness.start(TrailwatchTopology.build(harness.serdes(), new ProcessorsConfig(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, "unused:9092",
            ProcessorsConfig.SCHEMA_REGISTRY_URL, "http://unused",
            ProcessorsConfig.ALARM_PARTITIONS, 1))));
        for (final DefinitionEntry entry : Packs.load("cis")) {
            harness.define(entry.kind(), entry.definitionJson());
        }
        audit = harness.input(Topics.AUDIT);
        metrics = harness.output(Topics.METRICS);
        alarms = harness.output(Topics.ALARMS);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void thePackHasTheFourteenControlsEachWithItsAlarm() throws Exception {
        final List<DefinitionEntry> pack = Packs.load("cis");
        assertThat(pack).filteredOn(entry -> entry.kind() == DefinitionKind.METRIC_FILTER).hasSize(14);
        assertThat(pack).filteredOn(entry -> entry.kind() == DefinitionKind.METRIC_ALARM).hasSize(14)
            .allSatisfy(alarm -> assertThat(alarm.definitionJson()).contains("\"Period\":300", "\"Statistic\":\"Sum\"",
                "\"Threshold\":1.0", "\"ComparisonOperator\":\"GreaterThanOrEqualToThreshold\""));
    }

    static Stream<Arguments> controls() {
        return Stream.of(
            control(1, "RootAccountUsage", rootCall("s3.amazonaws.com", "CreateBucket"),
                apiCall("s3.amazonaws.com", "CreateBucket"),
                invokedBy(rootCall("s3.amazonaws.com", "PutObject"), "support.amazonaws.com"),
                with(rootCall("health.amazonaws.com", "AWSHealthEvent"), "eventType", "AwsServiceEvent")),
            control(2, "UnauthorizedAPICalls", denied("ec2.amazonaws.com", "RunInstances", "Client.UnauthorizedOperation"),
                apiCall("s3.amazonaws.com", "GetObject"), denied("s3.amazonaws.com", "GetObject", "NoSuchKey")),
            control(3, "ConsoleSignInWithoutMfa", consoleLogin("IAMUser", "No", "Success"),
                consoleLogin("IAMUser", "Yes", "Success"),
                without(consoleLogin("IAMUser", "No", "Success"), "additionalEventData")),
            control(6, "ConsoleSignInFailures", consoleLogin("IAMUser", "Yes", "Failure"),
                consoleLogin("IAMUser", "Yes", "Success")),
            control(4, "IAMPolicyChanges", apiCall("iam.amazonaws.com", "AttachRolePolicy"),
                apiCall("iam.amazonaws.com", "ListPolicies"), apiCall("iam.amazonaws.com", "GetRolePolicy")),
            control(5, "CloudTrailConfigChanges", apiCall("cloudtrail.amazonaws.com", "StopLogging"),
                apiCall("cloudtrail.amazonaws.com", "LookupEvents")),
            control(7, "DisableOrDeleteCMK", apiCall("kms.amazonaws.com", "ScheduleKeyDeletion"),
                apiCall("kms.amazonaws.com", "EnableKey"), apiCall("cloudhsm.amazonaws.com", "DisableKey")),
            control(8, "S3BucketPolicyChanges", apiCall("s3.amazonaws.com", "PutBucketPolicy"),
                apiCall("s3.amazonaws.com", "GetBucketPolicy"), apiCall("s3-outposts.amazonaws.com", "PutBucketPolicy")),
            control(9, "AWSConfigChanges", apiCall("config.amazonaws.com", "StopConfigurationRecorder"),
                apiCall("config.amazonaws.com", "StartConfigurationRecorder")),
            control(10, "SecurityGroupChanges", apiCall("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress"),
                apiCall("ec2.amazonaws.com", "DescribeSecurityGroups")),
            control(11, "NACLChanges", apiCall("ec2.amazonaws.com", "ReplaceNetworkAclEntry"),
                apiCall("ec2.amazonaws.com", "DescribeNetworkAcls")),
            control(12, "NetworkGatewayChanges", apiCall("ec2.amazonaws.com", "AttachInternetGateway"),
                apiCall("ec2.amazonaws.com", "CreateNatGateway")),
            control(13, "RouteTableChanges", apiCall("ec2.amazonaws.com", "CreateRoute"),
                apiCall("ec2.amazonaws.com", "DescribeRouteTables")),
            control(14, "VPCChanges", apiCall("ec2.amazonaws.com", "CreateVpcPeeringConnection"),
                apiCall("ec2.amazonaws.com", "CreateSubnet")));
    }

    @ParameterizedTest(name = "CloudWatch.{0} {1}")
    @MethodSource("controls")
    void aMatchingRecordRaisesTheControlsAlarmAndOthersDoNot(final int number, final String metric,
                                                             final ObjectNode matching, final List<ObjectNode> others) {
        final String alarmName = "CIS-CloudWatch." + number + "-" + metric;

        // First 5-minute period: only records the control must not match.
        others.forEach(record -> publish(record, START.plusSeconds(10)));
        advance(Duration.ofSeconds(330));
        assertThat(metrics.readValuesToList()).extracting(MetricDatum::getMetricName).doesNotContain(metric);
        assertThat(alarms.readValuesToList()).filteredOn(change -> change.getAlarmName().equals(alarmName))
            .noneMatch(change -> change.getState().getValue() == AlarmStateValue.ALARM);

        // Second period: the matching record, a datum of this control's metric only, and the alarm.
        publish(matching, START.plusSeconds(330));
        assertThat(metrics.readValuesToList()).singleElement().satisfies(datum -> {
            assertThat(datum.getNamespace()).isEqualTo("CISBenchmark");
            assertThat(datum.getMetricName()).isEqualTo(metric);
            assertThat(datum.getValue()).isEqualTo(1.0);
        });
        advance(Duration.ofSeconds(300));
        assertThat(alarms.readValuesToList()).filteredOn(change -> change.getState().getValue() == AlarmStateValue.ALARM)
            .singleElement().satisfies(change -> {
                assertThat(change.getAlarmName()).isEqualTo(alarmName);
                assertThat(change.getState().getReason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints "
                    + "[1.0 (21/11/26 10:05:00)] was greater than or equal to the threshold (1.0) "
                    + "(minimum 1 datapoint for OK -> ALARM transition).");
            });
    }

    private void publish(final ObjectNode record, final Instant time) {
        record.put("eventTime", time.toString());
        record.put("eventID", UUID.randomUUID().toString());
        final AuditEvent event = CloudTrailJson.fromJson(record);
        audit.pipeInput(event.getEventID(), event, time);
    }

    /** Moves the wall clock in 10-second steps, as the alarm evaluation and period closing run on it. */
    private void advance(final Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s += 10) {
            harness.driver().advanceWallClockTime(Duration.ofSeconds(10));
        }
    }

    private static Arguments control(final int number, final String metric, final ObjectNode matching,
                                     final ObjectNode... others) {
        return Arguments.of(number, metric, matching, List.of(others));
    }
}
