package io.trailwatch.processors.alarm.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.config.DefinitionKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alarm history as DescribeAlarmHistory reports it, written with the state, kept 30 days and past deletion. */
class AlarmHistoryTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlarmScenario scenario = new AlarmScenario();

    @AfterEach
    void close() {
        scenario.close();
    }

    @Test
    void recordsCreationAndEachStateUpdateWithCloudWatchsSummaryAndData() throws Exception {
        scenario.start().metricAlarm("Cpu").advance(Duration.ofSeconds(65)).sum("Cpu", 0, 5);

        final List<AlarmHistoryItem> items = scenario.history("Cpu");
        assertThat(items).extracting(AlarmHistoryItem::historyItemType, AlarmHistoryItem::historySummary)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("ConfigurationUpdate", "Alarm \"Cpu\" created"),
                org.assertj.core.groups.Tuple.tuple("StateUpdate", "Alarm updated from INSUFFICIENT_DATA to OK"),
                org.assertj.core.groups.Tuple.tuple("StateUpdate", "Alarm updated from OK to ALARM"));
        assertThat(items).allSatisfy(item -> assertThat(item.alarmType()).isEqualTo("MetricAlarm"));

        final JsonNode created = JSON.readTree(items.get(0).historyData());
        assertThat(created.path("type").asText()).isEqualTo("Create");
        assertThat(created.path("createdAlarm").path("AlarmName").asText()).isEqualTo("Cpu");

        final JsonNode alarm = JSON.readTree(items.get(2).historyData());
        assertThat(alarm.path("version").asText()).isEqualTo("1.0");
        assertThat(alarm.path("oldState").path("stateValue").asText()).isEqualTo("OK");
        assertThat(alarm.path("newState").path("stateValue").asText()).isEqualTo("ALARM");
        assertThat(alarm.path("newState").path("stateReason").asText())
            .isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [5.0 (21/11/26 10:00:00)] was greater "
                + "than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).");
        // The period's sample count reaches evaluatedDatapoints, as in CloudWatch's reason data.
        assertThat(alarm.path("newState").path("stateReasonData").path("evaluatedDatapoints").toString())
            .isEqualTo("[{\"timestamp\":\"2026-11-21T10:00:00.000+0000\",\"sampleCount\":3.0,\"value\":5.0}]");
    }

    @Test
    void recordsUpdatesAndDeletionAndKeepsTheHistoryOfADeletedAlarm() throws Exception {
        scenario.start().metricAlarm("Queue").tick(1);
        scenario.define(DefinitionKind.METRIC_ALARM, """
            {"AlarmName": "Queue", "Namespace": "Test", "MetricName": "Queue", "Statistic": "Sum", "Period": 60,
             "EvaluationPeriods": 1, "Threshold": 100, "ComparisonOperator": "GreaterThanOrEqualToThreshold",
             "TreatMissingData": "notBreaching"}""").tick(1);
        scenario.undefine(DefinitionKind.METRIC_ALARM, "Queue");
        scenario.tick(1);

        final List<AlarmHistoryItem> configuration = scenario.history("Queue").stream()
            .filter(item -> item.historyItemType().equals("ConfigurationUpdate")).toList();
        assertThat(configuration).extracting(AlarmHistoryItem::historySummary).containsExactly(
            "Alarm \"Queue\" created", "Alarm \"Queue\" updated", "Alarm \"Queue\" deleted");
        final JsonNode updated = JSON.readTree(configuration.get(1).historyData());
        assertThat(updated.path("originalUpdatedAlarm").path("Threshold").asDouble()).isEqualTo(1.0);
        assertThat(updated.path("updatedAlarm").path("Threshold").asDouble()).isEqualTo(100.0);
        assertThat(JSON.readTree(configuration.get(2).historyData()).path("deletedAlarm").path("AlarmName").asText())
            .isEqualTo("Queue");
        assertThat(scenario.status("Queue")).isNull();
    }

    @Test
    void forgetsItemsOlderThanTheRetention() {
        scenario.start().metricAlarm("Old").advance(Duration.ofSeconds(65));
        assertThat(scenario.history("Old")).hasSize(2);

        scenario.advance(Duration.ofDays(29));
        assertThat(scenario.history("Old")).hasSize(2);
        scenario.advance(Duration.ofDays(1).plusHours(2));

        assertThat(scenario.history("Old")).isEmpty();
    }

    @Test
    void aPercentileThatCannotBeComputedMakesTheEvaluationPartial() {
        scenario.start().define(DefinitionKind.METRIC_ALARM, """
            {"AlarmName": "Latency", "Namespace": "Test", "MetricName": "Latency", "ExtendedStatistic": "p99",
             "Period": 60, "EvaluationPeriods": 1, "Threshold": 100, "ComparisonOperator": "GreaterThanThreshold"}""")
            .advance(Duration.ofSeconds(65)).sum("Latency", 0, 5);

        final AlarmStatus status = scenario.status("Latency");
        assertThat(status.evaluationState()).isEqualTo("PARTIAL_DATA");
        assertThat(status.state()).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
    }
}
