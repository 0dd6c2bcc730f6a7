package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alarms through the CLI and the HTTP API against the real broker and registry: definitions, evaluation of a
 * high-resolution metric, history, composites, SetAlarmState and mute rules.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AlarmsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningTrailwatch trailwatch;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
    }

    private static CommandLineRunner cli(final String... args) {
        final String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--endpoint";
        all[args.length + 1] = trailwatch.endpoint();
        return CommandLineRunner.run(all);
    }

    private static JsonNode ok(final CommandLineRunner run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(run.out());
    }

    /** A metric alarm on a high-resolution (10 s) metric of this test's own namespace: Sum of Errors >= 5. */
    private static CommandLineRunner putAlarm(final String name, final String namespace, final String... extra) {
        return putAlarmWithThreshold(name, namespace, "5", extra);
    }

    private static CommandLineRunner putAlarmWithThreshold(final String name, final String namespace,
                                                           final String threshold, final String... extra) {
        final String[] base = {"put-metric-alarm", "--alarm-name", name, "--namespace", namespace,
            "--metric-name", "Errors", "--statistic", "Sum", "--period", "10", "--evaluation-periods", "1",
            "--threshold", threshold, "--comparison-operator", "GreaterThanOrEqualToThreshold",
            "--dimensions", "Name=InstanceId,Value=i-1"};
        final String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return cli(all);
    }

    private static List<AlarmStateChange> changes(final String alarm,
                                                  final Predicate<List<AlarmStateChange>> done) {
        final List<ConsumerRecord<String, AlarmStateChange>> records = trailwatch.infrastructure().consumeUntil(
            Topics.ALARMS, read -> done.test(of(read, alarm)), Duration.ofSeconds(90));
        return of(records, alarm);
    }

    private static List<AlarmStateChange> of(final List<ConsumerRecord<String, AlarmStateChange>> records,
                                             final String alarm) {
        return records.stream().map(ConsumerRecord::value).filter(change -> change.getAlarmName().equals(alarm))
            .toList();
    }

    @Test
    void createsDescribesUpdatesAndDeletesAlarmsAndRejectsInvalidOnes() throws Exception {
        final String name = UniqueNames.of("crud-alarm");
        final String namespace = UniqueNames.of("Crud");

        ok(putAlarm(name, namespace, "--alarm-description", "errors of i-1", "--treat-missing-data", "ignore"));
        final JsonNode described = ok(cli("describe-alarms", "--alarm-names", name));
        assertThat(described.path("CompositeAlarms")).isEmpty();
        final JsonNode alarm = described.path("MetricAlarms").get(0);
        assertThat(alarm.path("AlarmName").asText()).isEqualTo(name);
        assertThat(alarm.path("AlarmDescription").asText()).isEqualTo("errors of i-1");
        assertThat(alarm.path("Namespace").asText()).isEqualTo(namespace);
        assertThat(alarm.path("Dimensions").toString()).isEqualTo("[{\"Name\":\"InstanceId\",\"Value\":\"i-1\"}]");
        assertThat(alarm.path("Period").asInt()).isEqualTo(10);
        assertThat(alarm.path("DatapointsToAlarm").asInt()).isEqualTo(1);
        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("ignore");
        assertThat(alarm.path("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(alarm.path("StateReason").asText()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(alarm.path("AlarmArn").asText()).endsWith(":alarm:" + name);
        assertThat(alarm.has("StateUpdatedTimestamp")).isTrue();

        ok(putAlarmWithThreshold(name, namespace, "50"));
        assertThat(ok(cli("describe-alarms", "--alarm-name-prefix", name)).path("MetricAlarms").get(0)
            .path("Threshold").asDouble()).isEqualTo(50.0);

        final CommandLineRunner badPeriod = cli("put-metric-alarm", "--alarm-name", UniqueNames.of("bad"),
            "--namespace", namespace, "--metric-name", "Errors", "--statistic", "Sum", "--period", "45",
            "--evaluation-periods", "1", "--threshold", "1", "--comparison-operator", "LessThanThreshold");
        assertThat(badPeriod.exitCode()).isEqualTo(2);
        assertThat(badPeriod.err()).contains("(ValidationError)", "field 'Period': must be 10, 20, 30 or a multiple of 60");
        final CommandLineRunner badRule = cli("put-composite-alarm", "--alarm-name", UniqueNames.of("bad"),
            "--alarm-rule", "ALARM(" + name + ") AND");
        assertThat(badRule.exitCode()).isEqualTo(2);
        assertThat(badRule.err()).contains("field 'AlarmRule': expected ALARM, OK, INSUFFICIENT_DATA, TRUE, FALSE, NOT or '(', "
            + "found the end of the rule at position");
        final CommandLineRunner clash = cli("put-composite-alarm", "--alarm-name", name, "--alarm-rule", "TRUE");
        assertThat(clash.exitCode()).isEqualTo(2);
        assertThat(clash.err()).contains("AlarmName: an alarm of the other type (MetricAlarm)");

        ok(cli("delete-alarms", "--alarm-names", name));
        assertThat(ok(cli("describe-alarms", "--alarm-names", name)).path("MetricAlarms")).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(ok(cli("describe-alarm-history", "--alarm-name", name, "--history-item-type",
                "ConfigurationUpdate")).path("AlarmHistoryItems").findValuesAsText("HistorySummary"))
                .containsExactly("Alarm \"" + name + "\" deleted", "Alarm \"" + name + "\" updated",
                    "Alarm \"" + name + "\" created"));
    }

    @Test
    void aHighResolutionMetricRaisesTheAlarmAndTheHistoryAndDescriptionShowIt() throws Exception {
        final String name = UniqueNames.of("errors-high");
        final String namespace = UniqueNames.of("App");
        ok(putAlarm(name, namespace, "--treat-missing-data", "notBreaching"));

        final MetricDatum datum = MetricDatum.newBuilder().setNamespace(namespace).setMetricName("Errors")
            .setDimensions(List.of(new Dimension("InstanceId", "i-1"))).setTimestamp(Instant.now()).setValue(7.0)
            .setUnit("Count").setStorageResolution(1).build();
        trailwatch.infrastructure().produce(Topics.METRICS, MetricIdentity.of(datum).key(), datum);

        final AlarmStateChange alarm = changes(name, read -> read.stream()
            .anyMatch(change -> change.getState().getValue() == AlarmStateValue.ALARM)).stream()
            .filter(change -> change.getState().getValue() == AlarmStateValue.ALARM).findFirst().orElseThrow();
        assertThat(alarm.getState().getReason()).matches("Threshold Crossed: 1 out of the last 1 datapoints \\[7\\.0 "
            + "\\(.*\\)] was greater than or equal to the threshold \\(5\\.0\\) \\(minimum 1 datapoint for OK -> ALARM "
            + "transition\\)\\.");
        assertThat(alarm.getState().getReasonData()).contains("\"sampleCount\":1.0", "\"value\":7.0");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            final JsonNode items = ok(cli("describe-alarm-history", "--alarm-name", name,
                "--history-item-type", "StateUpdate")).path("AlarmHistoryItems");
            assertThat(items.findValuesAsText("HistorySummary")).anyMatch(summary -> summary.endsWith("to ALARM"));
            assertThat(items.get(0).path("AlarmType").asText()).isEqualTo("MetricAlarm");
            assertThat(JSON.readTree(items.get(0).path("HistoryData").asText()).has("newState")).isTrue();
        });
        final JsonNode inAlarm = ok(cli("describe-alarms", "--alarm-names", name, "--state-value", "ALARM"));
        assertThat(inAlarm.path("MetricAlarms")).hasSize(1);
        assertThat(inAlarm.path("MetricAlarms").get(0).path("StateReason").asText())
            .isEqualTo(alarm.getState().getReason());
    }

    @Test
    void aCompositeFollowsItsChildrenAndSetAlarmStateDrivesThem() throws Exception {
        final String namespace = UniqueNames.of("Composite");
        final String cpu = UniqueNames.of("cpu");
        final String disk = UniqueNames.of("disk");
        final String composite = UniqueNames.of("service-down");
        ok(putAlarm(cpu, namespace, "--treat-missing-data", "ignore"));
        ok(putAlarm(disk, namespace, "--treat-missing-data", "ignore"));
        ok(cli("put-composite-alarm", "--alarm-name", composite, "--alarm-rule",
            "ALARM(" + cpu + ") AND ALARM(\"" + disk + "\")", "--alarm-description", "both"));

        ok(cli("set-alarm-state", "--alarm-name", cpu, "--state-value", "ALARM", "--state-reason", "drill"));
        ok(cli("set-alarm-state", "--alarm-name", disk, "--state-value", "ALARM", "--state-reason", "drill",
            "--state-reason-data", "{\"drill\":true}"));

        final List<AlarmStateChange> changes = changes(composite, read -> read.stream()
            .anyMatch(change -> change.getState().getValue() == AlarmStateValue.ALARM));
        final AlarmStateChange alarm = changes.get(changes.size() - 1);
        assertThat(alarm.getAlarmType()).isEqualTo("CompositeAlarm");
        assertThat(alarm.getState().getReason()).contains(":alarm:", " transitioned to ALARM at ");

        final JsonNode described = ok(cli("describe-alarms", "--alarm-types", "CompositeAlarm", "MetricAlarm",
            "--parents-of-alarm-name", cpu));
        assertThat(described.path("CompositeAlarms").findValuesAsText("AlarmName")).containsExactly(composite);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ok(cli("describe-alarms",
            "--children-of-alarm-name", composite, "--state-value", "ALARM")).path("MetricAlarms")
            .findValuesAsText("AlarmName")).containsExactlyInAnyOrder(cpu, disk));

        final CommandLineRunner referenced = cli("delete-alarms", "--alarm-names", cpu);
        assertThat(referenced.exitCode()).isEqualTo(2);
        assertThat(referenced.err()).contains("is in the AlarmRule of composite alarm(s) " + composite);
        ok(cli("delete-alarms", "--alarm-names", cpu, disk, composite));

        final CommandLineRunner unknown = cli("set-alarm-state", "--alarm-name", cpu, "--state-value", "OK",
            "--state-reason", "gone");
        assertThat(unknown.exitCode()).as("every refused request is exit code 2").isEqualTo(2);
        assertThat(unknown.err()).contains("(ResourceNotFound)");
    }

    @Test
    void aMuteRuleMarksTransitionsMutedAndItsDeletionReleasesThem() throws Exception {
        final String name = UniqueNames.of("muted");
        final String rule = UniqueNames.of("maintenance");
        ok(putAlarm(name, UniqueNames.of("Mute"), "--treat-missing-data", "ignore"));
        ok(cli("put-alarm-mute-rule", "--name", rule, "--rule",
            "{\"Schedule\":{\"Expression\":\"cron(* * * * *)\",\"Duration\":\"PT1H\"}}", "--mute-targets",
            "AlarmNames=" + name));
        final JsonNode listed = ok(cli("list-alarm-mute-rules"));
        assertThat(listed.path("AlarmMuteRuleSummaries").findValuesAsText("Name")).contains(rule);
        assertThat(ok(cli("get-alarm-mute-rule", "--alarm-mute-rule-name", rule)).path("Status").asText())
            .isEqualTo("ACTIVE");

        ok(cli("set-alarm-state", "--alarm-name", name, "--state-value", "ALARM", "--state-reason", "maintenance"));
        final AlarmStateChange muted = changes(name, read -> !read.isEmpty()).get(0);
        assertThat(muted.getMutedBy()).containsExactly(rule);

        ok(cli("delete-alarm-mute-rule", "--alarm-mute-rule-name", rule));
        final List<AlarmStateChange> changes = changes(name, read -> read.size() >= 2);
        assertThat(changes.get(1).getId()).isEqualTo(muted.getId());
        assertThat(changes.get(1).getMutedBy()).isEmpty();
        assertThat(changes.get(1).getNotificationReleasedAt()).isNotNull();
        final CommandLineRunner badRule = cli("put-alarm-mute-rule", "--name", rule, "--rule",
            "{\"Schedule\":{\"Expression\":\"cron(* * * *)\",\"Duration\":\"PT1H\"}}", "--mute-targets",
            "AlarmNames=" + name);
        assertThat(badRule.exitCode()).isEqualTo(2);
        assertThat(badRule.err()).contains("field 'Rule.Schedule.Expression': cron() takes 5 fields");
    }
}
