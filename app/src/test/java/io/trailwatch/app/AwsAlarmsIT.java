package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetAlarmMuteRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.InvalidFormatException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch's alarm and alarm mute rule operations through AWS's own clients: the AWS SDK for Java v2 (Smithy RPC
 * v2 CBOR), boto3 1.29 (query) and the AWS CLI. An alarm put with the SDK goes into ALARM on the data PutMetricData
 * sends; what CloudWatch refuses is refused with CloudWatch's exception types, naming the parameter.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsAlarmsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVALUATED = Duration.ofSeconds(90);
    private static final Dimension INSTANCE = Dimension.builder().name("InstanceId").value("i-1").build();
    private static String endpoint;
    private static TestIdentity identity;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        cloudWatch = AwsClients.cloudWatch(endpoint, identity.administrator());
    }

    @AfterAll
    static void stop() {
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }

    /**
     * Sum of Errors of i-1 over an hour at or above 5, missing data ignored: an alarm that keeps the state it is set
     * to for the test (without data it would be evaluated OK when created, and again when its period closes).
     */
    private static PutMetricAlarmRequest.Builder errorsAlarm(final String name, final String namespace) {
        return PutMetricAlarmRequest.builder().alarmName(name).namespace(namespace).metricName("Errors")
            .dimensions(INSTANCE).statistic(Statistic.SUM).period(3600).evaluationPeriods(1).threshold(5.0)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("ignore");
    }

    private static MetricAlarm metricAlarm(final String name) {
        return cloudWatch.describeAlarms(describe -> describe.alarmNames(name)).metricAlarms().get(0);
    }

    private static <T> T eventually(final Callable<T> call, final Predicate<T> done) {
        return Awaitility.await().atMost(EVALUATED).pollInterval(Duration.ofMillis(500)).until(call, done::test);
    }

    @Test
    void aMetricAlarmPutWithTheJavaSdkGoesIntoAlarmOnTheDataPutMetricDataSends() {
        final String name = UniqueNames.of("sdk-errors");
        final String namespace = UniqueNames.of("Sdk/App");
        cloudWatch.putMetricAlarm(errorsAlarm(name, namespace).period(10).alarmDescription("errors of i-1").build());

        final MetricAlarm created = metricAlarm(name);
        assertThat(created.alarmDescription()).isEqualTo("errors of i-1");
        assertThat(created.dimensions()).containsExactly(INSTANCE);
        assertThat(created.period()).isEqualTo(10);
        assertThat(created.threshold()).isEqualTo(5.0);
        assertThat(created.actionsEnabled()).isTrue();
        assertThat(created.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(created.alarmArn()).endsWith(":alarm:" + name);
        assertThat(created.alarmConfigurationUpdatedTimestamp()).isAfter(Instant.now().minusSeconds(60));
        assertThat(cloudWatch.describeAlarmsForMetric(describe -> describe.namespace(namespace)
            .metricName("Errors").dimensions(INSTANCE)).metricAlarms()).extracting(MetricAlarm::alarmName)
            .containsExactly(name);
        assertThat(cloudWatch.describeAlarmsForMetric(describe -> describe.namespace(namespace)
            .metricName("Errors")).metricAlarms()).as("the metric without its dimension is another metric").isEmpty();

        cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(datum -> datum.metricName("Errors")
            .dimensions(INSTANCE).value(7.0).timestamp(Instant.now()).storageResolution(1)));
        final DescribeAlarmsResponse inAlarm = eventually(() -> cloudWatch.describeAlarms(describe -> describe
            .alarmNames(name).stateValue(StateValue.ALARM)), answer -> !answer.metricAlarms().isEmpty());
        assertThat(inAlarm.metricAlarms().get(0).stateReason()).startsWith("Threshold Crossed: 1 out of the last 1 "
            + "datapoints [7.0");
        assertThat(inAlarm.metricAlarms().get(0).stateUpdatedTimestamp()).isAfter(Instant.now().minusSeconds(90));
    }

    @Test
    void theJavaSdkRaisesCloudWatchsExceptionsForAlarmsItRefuses() {
        final String namespace = UniqueNames.of("Sdk/Refused");
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(errorsAlarm(UniqueNames.of("bad"), namespace).period(7)
            .build()))
            .isInstanceOf(InvalidParameterValueException.class)
            .hasMessageContaining("Period").hasMessageContaining("must be 10, 20, 30 or a multiple of 60");
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(errorsAlarm(UniqueNames.of("bad"), namespace)
            .threshold(null).build()))
            .isInstanceOf(MissingRequiredParameterException.class).hasMessageContaining("Threshold");
        assertThatThrownBy(() -> cloudWatch.describeAlarms(describe -> describe.maxRecords(0)))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("MaxRecords");
        assertThatThrownBy(() -> cloudWatch.describeAlarms(describe -> describe.nextToken("not-ours")))
            .isInstanceOf(InvalidNextTokenException.class).hasMessageContaining("NextToken");
        assertThatThrownBy(() -> cloudWatch.describeAlarmsForMetric(describe -> describe.metricName("Errors")))
            .isInstanceOf(MissingRequiredParameterException.class).hasMessageContaining("Namespace");
    }

    @Test
    void describeAlarmsPagesThroughAlarmsInNameOrder() {
        final String prefix = UniqueNames.of("sdk-page");
        final String namespace = UniqueNames.of("Sdk/Page");
        for (final String suffix : List.of("-c", "-a", "-b")) {
            cloudWatch.putMetricAlarm(errorsAlarm(prefix + suffix, namespace).build());
        }
        final DescribeAlarmsResponse first = cloudWatch.describeAlarms(describe -> describe.alarmNamePrefix(prefix)
            .maxRecords(2));
        assertThat(first.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly(prefix + "-a",
            prefix + "-b");
        final DescribeAlarmsResponse second = cloudWatch.describeAlarms(describe -> describe.alarmNamePrefix(prefix)
            .maxRecords(2).nextToken(first.nextToken()));
        assertThat(second.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly(prefix + "-c");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void aCompositeAlarmFollowsItsChildrenAndIsDeletedBeforeThem() {
        final String namespace = UniqueNames.of("Sdk/Composite");
        final String cpu = UniqueNames.of("sdk-cpu");
        final String disk = UniqueNames.of("sdk-disk");
        final String service = UniqueNames.of("sdk-service");
        cloudWatch.putMetricAlarm(errorsAlarm(cpu, namespace).build());
        cloudWatch.putMetricAlarm(errorsAlarm(disk, namespace).build());
        cloudWatch.putCompositeAlarm(put -> put.alarmName(service).alarmRule("ALARM(" + cpu + ") AND ALARM("
            + disk + ")").alarmDescription("both"));
        assertThat(cloudWatch.describeAlarms(describe -> describe.childrenOfAlarmName(service)).metricAlarms())
            .extracting(MetricAlarm::alarmName).containsExactlyInAnyOrder(cpu, disk);

        for (final String child : List.of(cpu, disk)) {
            cloudWatch.setAlarmState(set -> set.alarmName(child).stateValue(StateValue.ALARM).stateReason("drill"));
        }
        final CompositeAlarm composite = eventually(() -> cloudWatch.describeAlarms(describe -> describe
            .alarmNames(service).alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms(),
            alarms -> !alarms.isEmpty() && alarms.get(0).stateValue() == StateValue.ALARM).get(0);
        assertThat(composite.alarmDescription()).isEqualTo("both");
        assertThat(composite.alarmRule()).isEqualTo("ALARM(" + cpu + ") AND ALARM(" + disk + ")");

        assertThatThrownBy(() -> cloudWatch.putCompositeAlarm(put -> put.alarmName(UniqueNames.of("bad"))
            .alarmRule("ALARM(" + cpu + ") AND")))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("AlarmRule");
        assertThatThrownBy(() -> cloudWatch.deleteAlarms(delete -> delete.alarmNames(cpu)))
            .isInstanceOf(InvalidParameterValueException.class)
            .hasMessageContaining("AlarmNames").hasMessageContaining("is in the AlarmRule of composite alarm(s) "
                + service);
        cloudWatch.deleteAlarms(delete -> delete.alarmNames(cpu, service, disk));
        assertThat(cloudWatch.describeAlarms(describe -> describe.alarmNames(cpu, disk, service)
            .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)))
            .satisfies(answer -> assertThat(answer.metricAlarms()).isEmpty())
            .satisfies(answer -> assertThat(answer.compositeAlarms()).isEmpty());
    }

    @Test
    void deleteAlarmsDeletesTheAlarmsThatExistAndReportsTheOthers() {
        final String name = UniqueNames.of("sdk-delete");
        final String unknown = UniqueNames.of("sdk-never-put");
        cloudWatch.putMetricAlarm(errorsAlarm(name, UniqueNames.of("Sdk/Delete")).build());
        assertThatThrownBy(() -> cloudWatch.deleteAlarms(delete -> delete.alarmNames(name, unknown)))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(unknown);
        assertThat(cloudWatch.describeAlarms(describe -> describe.alarmNames(name)).metricAlarms()).isEmpty();
        assertThatThrownBy(() -> cloudWatch.deleteAlarms(delete -> delete.alarmNames(IntStream.range(0, 101)
            .mapToObj(i -> name + i).toList())))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("AlarmNames");
    }

    @Test
    void setAlarmStateShowsInTheAlarmsHistory() {
        final String name = UniqueNames.of("sdk-drill");
        cloudWatch.putMetricAlarm(errorsAlarm(name, UniqueNames.of("Sdk/Drill")).build());
        cloudWatch.setAlarmState(set -> set.alarmName(name).stateValue(StateValue.ALARM).stateReason("drill")
            .stateReasonData("{\"by\":\"test\"}"));

        final List<AlarmHistoryItem> items = eventually(() -> cloudWatch.describeAlarmHistory(describe -> describe
            .alarmName(name).historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems(),
            history -> history.stream().anyMatch(item -> item.historySummary().endsWith("to ALARM")));
        assertThat(items.get(0).alarmName()).isEqualTo(name);
        assertThat(items.get(0).alarmType()).isEqualTo(AlarmType.METRIC_ALARM);
        assertThat(items.get(0).timestamp()).isAfter(Instant.now().minusSeconds(90));
        assertThat(metricAlarm(name).stateReason()).isEqualTo("drill");
        assertThat(eventually(() -> cloudWatch.describeAlarmHistory(describe -> describe.alarmName(name)
            .historyItemType(HistoryItemType.CONFIGURATION_UPDATE).maxRecords(1)).alarmHistoryItems(),
            history -> !history.isEmpty()))
            .singleElement().satisfies(item -> assertThat(item.historySummary()).endsWith("created"));
        // Without an AlarmName: every alarm's history, newest first, this alarm's change among them.
        final Instant since = items.get(0).timestamp().minusSeconds(1);
        final List<AlarmHistoryItem> all = cloudWatch.describeAlarmHistory(describe -> describe.startDate(since)
            .historyItemType(HistoryItemType.STATE_UPDATE).maxRecords(100)).alarmHistoryItems();
        assertThat(all).anyMatch(item -> item.alarmName().equals(name) && item.historySummary().endsWith("to ALARM"));
        assertThat(all).extracting(AlarmHistoryItem::timestamp).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        assertThatThrownBy(() -> cloudWatch.setAlarmState(set -> set.alarmName(UniqueNames.of("sdk-never-put"))
            .stateValue(StateValue.OK).stateReason("drill")))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> cloudWatch.setAlarmState(set -> set.alarmName(name).stateValue(StateValue.OK)
            .stateReason("drill").stateReasonData("{not json")))
            .isInstanceOf(InvalidFormatException.class).hasMessageContaining("StateReasonData");
        assertThatThrownBy(() -> cloudWatch.describeAlarmHistory(describe -> describe.alarmName(name)
            .scanBy("Sideways")))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("ScanBy");
    }

    @Test
    void disableAndEnableAlarmActionsFlipActionsEnabled() {
        final String name = UniqueNames.of("sdk-actions");
        cloudWatch.putMetricAlarm(errorsAlarm(name, UniqueNames.of("Sdk/Actions"))
            .alarmActions("arn:aws:sns:us-east-1:123456789012:ops").build());
        cloudWatch.disableAlarmActions(disable -> disable.alarmNames(name, UniqueNames.of("sdk-never-put")));
        final MetricAlarm disabled = metricAlarm(name);
        assertThat(disabled.actionsEnabled()).isFalse();
        assertThat(disabled.alarmActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:ops");
        assertThat(disabled.threshold()).isEqualTo(5.0);
        cloudWatch.enableAlarmActions(enable -> enable.alarmNames(name));
        assertThat(metricAlarm(name).actionsEnabled()).isTrue();
        assertThat(cloudWatch.describeAlarms(describe -> describe.actionPrefix("arn:aws:sns:us-east-1:123456789012:")
            .alarmNames(name)).metricAlarms()).hasSize(1);

        assertThatThrownBy(() -> cloudWatch.disableAlarmActions(disable -> disable.alarmNames(IntStream.range(0, 101)
            .mapToObj(i -> name + i).toList())))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("AlarmNames");
        assertThatThrownBy(() -> cloudWatch.enableAlarmActions(enable -> { }))
            .isInstanceOf(MissingRequiredParameterException.class).hasMessageContaining("AlarmNames");
    }

    @Test
    void alarmMuteRulesArePutGotListedAndDeleted() {
        final String rule = UniqueNames.of("sdk-nightly");
        final String alarm = UniqueNames.of("sdk-muted");
        final Instant expires = Instant.parse("2099-01-01T00:00:00Z");
        // Half a day away from now, so that the rule is SCHEDULED (not ACTIVE) whenever the test runs.
        final String cron = "cron(0 " + (java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour() + 12) % 24
            + " * * *)";
        cloudWatch.putAlarmMuteRule(put -> put.name(rule).description("nightly backups")
            .rule(r -> r.schedule(s -> s.expression(cron).duration("PT4H")))
            .muteTargets(targets -> targets.alarmNames(alarm)).expireDate(expires));

        final GetAlarmMuteRuleResponse got = cloudWatch.getAlarmMuteRule(get -> get.alarmMuteRuleName(rule));
        assertThat(got.name()).isEqualTo(rule);
        assertThat(got.description()).isEqualTo("nightly backups");
        assertThat(got.rule().schedule().expression()).isEqualTo(cron);
        assertThat(got.rule().schedule().duration()).isEqualTo("PT4H");
        assertThat(got.muteTargets().alarmNames()).containsExactly(alarm);
        assertThat(got.expireDate()).isEqualTo(expires);
        assertThat(got.alarmMuteRuleArn()).endsWith(rule);
        assertThat(got.lastUpdatedTimestamp()).isAfter(Instant.now().minusSeconds(60));
        assertThat(cloudWatch.listAlarmMuteRules(list -> list.alarmName(alarm)).alarmMuteRuleSummaries())
            .singleElement().satisfies(summary -> {
                assertThat(summary.alarmMuteRuleArn()).isEqualTo(got.alarmMuteRuleArn());
                assertThat(summary.expireDate()).isEqualTo(expires);
                assertThat(summary.statusAsString()).isEqualTo("SCHEDULED");
            });

        cloudWatch.deleteAlarmMuteRule(delete -> delete.alarmMuteRuleName(rule));
        cloudWatch.deleteAlarmMuteRule(delete -> delete.alarmMuteRuleName(rule));
        assertThatThrownBy(() -> cloudWatch.getAlarmMuteRule(get -> get.alarmMuteRuleName(rule)))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(rule);
        assertThatThrownBy(() -> cloudWatch.putAlarmMuteRule(put -> put.name(UniqueNames.of("sdk-bad"))
            .rule(r -> r.schedule(s -> s.expression("cron(0 2 * * *)").duration("4 hours")))
            .muteTargets(targets -> targets.alarmNames(alarm))))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Duration");
        assertThatThrownBy(() -> cloudWatch.listAlarmMuteRules(list -> list.statusesWithStrings("SLEEPING")))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Statuses");
    }

    @Test
    void boto3PutsAndDescribesAlarmsInTheQueryProtocol() throws Exception {
        final String name = UniqueNames.of("boto-errors");
        final ObjectNode alarm = JSON.createObjectNode().put("AlarmName", name)
            .put("Namespace", UniqueNames.of("Boto/App")).put("MetricName", "Errors").put("Statistic", "Sum")
            .put("Period", 60).put("EvaluationPeriods", 3).put("DatapointsToAlarm", 2).put("Threshold", 2.5)
            .put("ComparisonOperator", "GreaterThanThreshold").put("ActionsEnabled", false);
        alarm.putArray("Dimensions").addObject().put("Name", "Queue").put("Value", "a=b, c");
        final JsonNode put = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch", "put_metric_alarm",
            alarm.toString());
        assertThat(put.path("protocol").asText()).isEqualTo("query");
        assertThat(put.has("ok")).as(put.toString()).isTrue();

        final JsonNode described = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
            "describe_alarms", "{\"AlarmNames\":[\"" + name + "\"]}");
        final JsonNode item = described.path("ok").path("MetricAlarms").get(0);
        assertThat(item).as(described.toString()).isNotNull();
        assertThat(item.path("AlarmName").asText()).isEqualTo(name);
        assertThat(item.path("Threshold").asDouble()).isEqualTo(2.5);
        assertThat(item.path("EvaluationPeriods").asInt()).isEqualTo(3);
        assertThat(item.path("DatapointsToAlarm").asInt()).isEqualTo(2);
        assertThat(item.path("ActionsEnabled").asBoolean(true)).isFalse();
        assertThat(item.path("Dimensions").get(0).path("Value").asText()).isEqualTo("a=b, c");
        assertThat(item.path("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");

        alarm.put("AlarmName", UniqueNames.of("boto-bad")).put("Period", 7);
        final JsonNode refused = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
            "put_metric_alarm", alarm.toString());
        assertThat(refused.path("type").asText()).isEqualTo("InvalidParameterValueException");
        assertThat(refused.path("error").path("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(refused.path("error").path("Message").asText()).contains("Period");
        assertThat(refused.path("status").asInt()).isEqualTo(400);

        final JsonNode missing = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
            "set_alarm_state", JSON.createObjectNode().put("AlarmName", UniqueNames.of("boto-never-put"))
                .put("StateValue", "OK").put("StateReason", "drill").toString());
        assertThat(missing.path("type").asText()).isEqualTo("ResourceNotFound");
        assertThat(missing.path("status").asInt()).isEqualTo(404);
    }

    @Test
    void theAwsCliDescribesAlarms() throws Exception {
        final String name = UniqueNames.of("cli-errors");
        cloudWatch.putMetricAlarm(errorsAlarm(name, UniqueNames.of("Cli/App")).build());
        final AwsClients.Result described = AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudwatch",
            "describe-alarms", "--alarm-names", name);
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        final JsonNode alarm = described.json().path("MetricAlarms").get(0);
        assertThat(alarm.path("AlarmName").asText()).isEqualTo(name);
        assertThat(alarm.path("Period").asInt()).isEqualTo(3600);
        assertThat(alarm.path("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");

        final AwsClients.Result refused = AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudwatch",
            "describe-alarms", "--state-value", "SLEEPING");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("InvalidParameterValue").contains("StateValue");
        final AwsClients.Result missing = AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudwatch",
            "set-alarm-state", "--alarm-name", UniqueNames.of("cli-never-put"), "--state-value", "OK",
            "--state-reason", "drill");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("(ResourceNotFound)").contains("does not exist");
    }
}
