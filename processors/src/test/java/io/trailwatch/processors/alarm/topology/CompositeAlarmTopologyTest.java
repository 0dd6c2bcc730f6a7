package io.trailwatch.processors.alarm.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Composite alarms end to end: children's transitions reach the composite, which follows its rule. */
class CompositeAlarmTopologyTest {

    private final AlarmScenario scenario = new AlarmScenario();

    @AfterEach
    void close() {
        scenario.close();
    }

    private static List<String> transitions(final List<AlarmStateChange> changes) {
        return changes.stream().map(change -> change.getPreviousState().getValue() + "->" + change.getState().getValue())
            .toList();
    }

    @Test
    void followsItsRuleAsChildrenChangeAndNamesTheChildThatDecided() {
        scenario.start().metricAlarm("CpuHigh").metricAlarm("ErrorsHigh")
            .compositeAlarm("ServiceDown", "ALARM(CpuHigh) AND ALARM(ErrorsHigh)")
            .advance(Duration.ofSeconds(65)).tick(3);
        assertThat(transitions(scenario.changesOf("ServiceDown"))).containsExactly("INSUFFICIENT_DATA->OK");

        scenario.sum("CpuHigh", 0, 5);
        assertThat(scenario.changesOf("CpuHigh")).last()
            .satisfies(change -> assertThat(change.getState().getValue()).isEqualTo(AlarmStateValue.ALARM));
        assertThat(transitions(scenario.changesOf("ServiceDown"))).containsExactly("INSUFFICIENT_DATA->OK");

        scenario.tick(1).sum("ErrorsHigh", 0, 2);
        final List<AlarmStateChange> composite = scenario.changesOf("ServiceDown");
        assertThat(transitions(composite)).containsExactly("INSUFFICIENT_DATA->OK", "OK->ALARM");
        final AlarmStateChange alarm = composite.get(1);
        assertThat(alarm.getAlarmType()).isEqualTo("CompositeAlarm");
        assertThat(alarm.getConfiguration().getAlarmRule()).isEqualTo("ALARM(CpuHigh) AND ALARM(ErrorsHigh)");
        assertThat(alarm.getState().getReason())
            .startsWith("arn:aws:cloudwatch:local:000000000000:alarm:ErrorsHigh transitioned to ALARM at Saturday 21 November, 2026 10:01:");
        assertThat(alarm.getState().getReasonData()).contains("\"triggeringAlarms\"",
            "\"arn\":\"arn:aws:cloudwatch:local:000000000000:alarm:ErrorsHigh\"",
            "\"arn\":\"arn:aws:cloudwatch:local:000000000000:alarm:CpuHigh\"");
    }

    @Test
    void aCompositeCreatedAfterItsChildrenStartsFromTheirCurrentStates() {
        scenario.start().metricAlarm("DiskFull").advance(Duration.ofSeconds(65)).sum("DiskFull", 0, 9);
        assertThat(scenario.changesOf("DiskFull")).last()
            .satisfies(change -> assertThat(change.getState().getValue()).isEqualTo(AlarmStateValue.ALARM));

        scenario.compositeAlarm("StorageIncident", "ALARM(DiskFull) OR ALARM(\"Not Yet Defined\")")
            .tick(3);

        // Straight to ALARM: no OK in between while the child's state was on its way.
        assertThat(transitions(scenario.changesOf("StorageIncident"))).containsExactly("INSUFFICIENT_DATA->ALARM");
    }

    @Test
    void anUnrelatedDefinitionChangeWhileACompositeSettlesDoesNotCostItsFirstEvaluation() {
        scenario.start().metricAlarm("DiskFull").advance(Duration.ofSeconds(65)).sum("DiskFull", 0, 9);
        scenario.compositeAlarm("StorageIncident", "ALARM(DiskFull)").tick(1);
        assertThat(scenario.status("StorageIncident").state()).as("still settling")
            .isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);

        // Another alarm defined before the settle time ends: every alarm is looked at again.
        scenario.metricAlarm("SomethingElse").tick(5);

        assertThat(transitions(scenario.changesOf("StorageIncident"))).containsExactly("INSUFFICIENT_DATA->ALARM");
    }

    @Test
    void anUnrelatedDefinitionChangeDoesNotStopAMetricAlarmNoticingItsDataStopped() {
        scenario.start().metricAlarm("Heartbeat").advance(Duration.ofSeconds(65)).sum("Heartbeat", 0, 9);
        assertThat(scenario.changesOf("Heartbeat")).last()
            .satisfies(change -> assertThat(change.getState().getValue()).isEqualTo(AlarmStateValue.ALARM));

        // Mid-period, another alarm is defined; then the data stops, and a few periods pass on the wall clock.
        scenario.advance(Duration.ofSeconds(20)).metricAlarm("SomethingElse").tick(1).advance(Duration.ofMinutes(5))
            .tick(2);

        assertThat(scenario.changesOf("Heartbeat")).last().as("missing data evaluated on the wall clock")
            .satisfies(change -> assertThat(change.getState().getValue()).isNotEqualTo(AlarmStateValue.ALARM));
    }

    @Test
    void aCompositeOfCompositesFollowsItsChildComposite() {
        scenario.start().metricAlarm("Latency")
            .compositeAlarm("Degraded", "ALARM(Latency)")
            .compositeAlarm("Page", "ALARM(Degraded) AND NOT ALARM(Maintenance)")
            .advance(Duration.ofSeconds(65)).sum("Latency", 0, 3).tick(5);

        assertThat(scenario.changesOf("Degraded")).last()
            .satisfies(change -> assertThat(change.getState().getValue()).isEqualTo(AlarmStateValue.ALARM));
        assertThat(scenario.changesOf("Page")).last()
            .satisfies(change -> assertThat(change.getState().getValue()).isEqualTo(AlarmStateValue.ALARM));
    }

    @Test
    void aCycleOfCompositesStopsTheirEvaluation() {
        scenario.start().compositeAlarm("Left", "ALARM(Right) OR TRUE").compositeAlarm("Right", "ALARM(Left)")
            .tick(5);

        assertThat(scenario.changesOf("Left")).isEmpty();
        assertThat(scenario.changesOf("Right")).isEmpty();
        assertThat(scenario.status("Left").state()).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
    }

    @Test
    void aChangedRuleIsEvaluatedAgainWithTheStateKept() {
        scenario.start().metricAlarm("Queue").compositeAlarm("Backlog", "ALARM(Queue)")
            .advance(Duration.ofSeconds(65)).tick(3);
        assertThat(transitions(scenario.changesOf("Backlog"))).containsExactly("INSUFFICIENT_DATA->OK");

        scenario.compositeAlarm("Backlog", "OK(Queue)").tick(3);

        assertThat(transitions(scenario.changesOf("Backlog"))).containsExactly("INSUFFICIENT_DATA->OK", "OK->ALARM");
    }
}
