package io.trailwatch.processors.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.ConfigFile;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PutCompositeAlarm's validation, as every edge applies it (HTTP, CLI, YAML). */
class CompositeAlarmDefinitionTest {

    @Test
    void acceptsAValidRuleAndDefaultsActionsEnabled() {
        final DefinitionEntry entry = CompositeAlarmDefinition.TYPE.entry("""
            {"AlarmName": "ServiceDown", "AlarmRule": "ALARM(CpuHigh) AND NOT ALARM(DeploymentInProgress)",
             "AlarmActions": ["arn:aws:sns:us-east-1:111122223333:page"]}""");

        assertThat(entry.name()).isEqualTo("ServiceDown");
        assertThat(entry.definitionJson()).contains("\"ActionsEnabled\":true", "\"AlarmRule\":\"ALARM(CpuHigh)");
    }

    @Test
    void aRuleThatDoesNotParseIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> CompositeAlarmDefinition.TYPE.entry("""
            {"AlarmName": "Broken", "AlarmRule": "ALARM(CpuHigh) AND (OK(Disk)"}"""))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("(definition).AlarmRule");
                assertThat(e.reason()).isEqualTo("expected ')' to close the '(' at position 19, found the end of the "
                    + "rule at position 28");
            });
        assertThatThrownBy(() -> CompositeAlarmDefinition.TYPE.entry("""
            {"AlarmName": "Broken", "AlarmRule": "ALARM(CpuHigh) XOR ALARM(Disk)"}"""))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.reason()).isEqualTo("expected AND, OR or the end of the rule, found 'X' at position 15"));
    }

    @Test
    void checksTheSharedAlarmParameters() {
        assertThatThrownBy(() -> CompositeAlarmDefinition.TYPE.entry("""
            {"AlarmName": "", "AlarmRule": "TRUE"}"""))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("(definition).AlarmName"));
        assertThatThrownBy(() -> CompositeAlarmDefinition.TYPE.entry("""
            {"AlarmName": "X", "AlarmRule": "TRUE", "OKActions": ["not-an-arn"]}"""))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("(definition).OKActions.member.1"));
    }

    @Test
    void yamlDeclaresCompositeAlarmsAndMuteRulesAndAlarmNamesAreShared() throws Exception {
        final String yaml = """
            metricAlarms:
              - {alarmName: CpuHigh, namespace: Test, metricName: Cpu, statistic: Average, period: 60,
                 evaluationPeriods: 3, threshold: 80, comparisonOperator: GreaterThanThreshold}
            compositeAlarms:
              - alarmName: ServiceDown
                alarmRule: ALARM(CpuHigh)
            alarmMuteRules:
              - name: Nightly
                rule: {schedule: {expression: "cron(0 2 * * *)", duration: PT2H, timezone: Europe/Paris}}
                muteTargets: {alarmNames: [ServiceDown]}
            """;
        final List<DefinitionEntry> entries = ConfigFile.parse(
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
        assertThat(entries).extracting(DefinitionEntry::key)
            .containsExactly("metric-alarm/CpuHigh", "composite-alarm/ServiceDown", "alarm-mute-rule/Nightly");

        final String clash = """
            metricAlarms:
              - {alarmName: Same, namespace: Test, metricName: Cpu, statistic: Average, period: 60,
                 evaluationPeriods: 1, threshold: 80, comparisonOperator: GreaterThanThreshold}
            compositeAlarms:
              - {alarmName: Same, alarmRule: "TRUE"}
            """;
        assertThatThrownBy(() -> ConfigFile.parse(new ByteArrayInputStream(clash.getBytes(StandardCharsets.UTF_8)),
            "test")).isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("compositeAlarms[0]");
                assertThat(e.reason()).isEqualTo("duplicate name 'Same'");
            });
    }

    @Test
    void aMuteRuleNamesItsOffendingField() {
        assertThatThrownBy(() -> AlarmMuteRuleDefinition.TYPE.entry("""
            {"Name": "Empty", "Rule": {"Schedule": {"Expression": "cron(0 2 * * *)", "Duration": "PT1H"}},
             "MuteTargets": {"AlarmNames": []}}"""))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("(definition).MuteTargets.AlarmNames"));
        assertThatThrownBy(() -> AlarmMuteRuleDefinition.TYPE.entry("""
            {"Name": "Dates", "Rule": {"Schedule": {"Expression": "cron(0 2 * * *)", "Duration": "PT1H"}},
             "MuteTargets": {"AlarmNames": ["A"]}, "StartDate": "2026-12-01T00:00:00Z",
             "ExpireDate": "2026-11-01T00:00:00Z"}"""))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("(definition).ExpireDate"));
    }

    @Test
    void aMuteRuleTakesEveryTimeFormAndStoresInstants() {
        final DefinitionEntry entry = AlarmMuteRuleDefinition.TYPE.entry("""
            {"Name": "Window", "Rule": {"Schedule": {"Expression": "cron(0 2 * * *)", "Duration": "PT1H"}},
             "MuteTargets": {"AlarmNames": ["A"]}, "StartDate": "1795262400", "ExpireDate": "2026-12-01"}""");

        assertThat(entry.definitionJson()).contains("\"2026-11-21T12:00:00Z\"", "\"2026-12-01T00:00:00Z\"")
            .doesNotContain("1795262400");
    }
}
