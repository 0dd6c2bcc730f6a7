package io.trailwatch.processors.alarm.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.config.DefinitionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mute rules: evaluation and history go on, the transitions are marked muted (notifiers hold them back), and a
 * transition still current when its mute ends is published again, unmuted, with the same id.
 */
class AlarmMuteTopologyTest {

    private final AlarmScenario scenario = new AlarmScenario();

    @AfterEach
    void close() {
        scenario.close();
    }

    /** An alarm that keeps its state while data is missing, so the state only changes when a test says so. */
    private AlarmScenario alarmKeepingItsState(final String name) {
        return scenario.define(DefinitionKind.METRIC_ALARM, """
            {"AlarmName": "%1$s", "Namespace": "Test", "MetricName": "%1$s", "Statistic": "Sum", "Period": 60,
             "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold",
             "TreatMissingData": "ignore"}""".formatted(name));
    }

    private AlarmScenario muteRule(final String name, final String expression, final String duration,
                                   final String... alarms) {
        return scenario.define(DefinitionKind.ALARM_MUTE_RULE, """
            {"Name": "%s", "Rule": {"Schedule": {"Expression": "%s", "Duration": "%s"}},
             "MuteTargets": {"AlarmNames": ["%s"]}}""".formatted(name, expression, duration,
            String.join("\", \"", alarms)));
    }

    @Test
    void aMutedTransitionIsPublishedMarkedAndReleasedWhenTheMuteEnds() {
        scenario.start();
        alarmKeepingItsState("Deploys");
        alarmKeepingItsState("Unrelated");
        muteRule("ReleaseWindow", "at(2026-11-21T10:00)", "PT10M", "Deploys");
        scenario.advance(Duration.ofSeconds(65)).sum("Deploys", 0, 3).sum("Unrelated", 0, 3);

        final AlarmStateChange muted = scenario.changesOf("Deploys").get(0);
        assertThat(muted.getState().getValue()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(muted.getMutedBy()).containsExactly("ReleaseWindow");
        assertThat(muted.getNotificationReleasedAt()).isNull();
        assertThat(scenario.changesOf("Unrelated")).singleElement()
            .satisfies(change -> assertThat(change.getMutedBy()).isEmpty());
        assertThat(scenario.history("Deploys")).extracting(AlarmHistoryItem::historySummary)
            .contains("Alarm updated from INSUFFICIENT_DATA to ALARM", "Actions for ALARM muted by alarm mute rule "
                + "ReleaseWindow");

        scenario.advance(Duration.ofMinutes(8)).tick(2);
        assertThat(scenario.changesOf("Deploys")).hasSize(1);
        scenario.advance(Duration.ofSeconds(53)); // 10:10:00, the end of the window

        final List<AlarmStateChange> changes = scenario.changesOf("Deploys");
        assertThat(changes).hasSize(2);
        final AlarmStateChange released = changes.get(1);
        assertThat(released.getId()).isEqualTo(muted.getId());
        assertThat(released.getState()).isEqualTo(muted.getState());
        assertThat(released.getPreviousState()).isEqualTo(muted.getPreviousState());
        assertThat(released.getMutedBy()).isEmpty();
        assertThat(released.getNotificationReleasedAt()).isEqualTo(Instant.parse("2026-11-21T10:10:00Z"));
        assertThat(scenario.history("Deploys")).extracting(AlarmHistoryItem::historySummary)
            .contains("Actions for ALARM released: the alarm mute ended with the alarm still in ALARM");
    }

    @Test
    void onlyTheStateTheAlarmIsInWhenTheMuteEndsIsReleased() {
        scenario.start();
        alarmKeepingItsState("Flappy");
        muteRule("Nightly", "cron(0 10 * * SAT)", "PT5M", "Flappy");
        scenario.advance(Duration.ofSeconds(65)).sum("Flappy", 0, 3).tick(1).sum("Flappy", 1, 0);
        assertThat(scenario.changesOf("Flappy")).extracting(change -> change.getState().getValue())
            .containsExactly(AlarmStateValue.ALARM, AlarmStateValue.OK);
        assertThat(scenario.changesOf("Flappy")).allSatisfy(change ->
            assertThat(change.getMutedBy()).containsExactly("Nightly"));

        scenario.advance(Duration.ofMinutes(5));

        final List<AlarmStateChange> changes = scenario.changesOf("Flappy");
        assertThat(changes).hasSize(3);
        assertThat(changes.get(2).getId()).isEqualTo(changes.get(1).getId());
        assertThat(changes.get(2).getState().getValue()).isEqualTo(AlarmStateValue.OK);
        assertThat(changes.get(2).getNotificationReleasedAt()).isNotNull();
    }

    @Test
    void deletingTheRuleEndsTheMute() {
        scenario.start();
        alarmKeepingItsState("Batch");
        muteRule("Weekend", "cron(0 0 * * SAT)", "P2D", "Batch");
        scenario.advance(Duration.ofSeconds(65)).sum("Batch", 0, 3);
        assertThat(scenario.changesOf("Batch")).singleElement()
            .satisfies(change -> assertThat(change.getMutedBy()).containsExactly("Weekend"));

        scenario.harness().undefine(DefinitionKind.ALARM_MUTE_RULE, "Weekend");
        scenario.tick(1);

        assertThat(scenario.changesOf("Batch")).hasSize(2).last()
            .satisfies(change -> assertThat(change.getNotificationReleasedAt()).isNotNull());
    }

    @Test
    void aRuleOutsideItsWindowDoesNotMute() {
        scenario.start();
        alarmKeepingItsState("Daytime");
        muteRule("Night", "cron(0 22 * * *)", "PT8H", "Daytime");
        scenario.advance(Duration.ofSeconds(65)).sum("Daytime", 0, 3);

        assertThat(scenario.changesOf("Daytime")).singleElement()
            .satisfies(change -> assertThat(change.getMutedBy()).isEmpty());
    }
}
