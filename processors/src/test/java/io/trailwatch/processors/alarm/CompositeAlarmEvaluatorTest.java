package io.trailwatch.processors.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompositeAlarmEvaluatorTest {

    private static final String ARN = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:";
    private static final Instant NOW = Instant.parse("2023-08-04T12:56:46.138Z");

    @Test
    void reproducesTheUserGuidesCompositeAlarmEvent() {
        // User Guide, Lambda alarm action example for a composite alarm.
        final AlarmRule rule = AlarmRule.parse("ALARM(CompositeDemo.FirstChild) OR ALARM(CompositeDemo.SecondChild)");
        final Map<String, ChildAlarmState> children = Map.of(
            "CompositeDemo.FirstChild", new ChildAlarmState(ARN + "CompositeDemo.FirstChild", AlarmStateValue.ALARM,
                Instant.parse("2023-08-04T12:54:46.138Z")),
            "CompositeDemo.SecondChild", new ChildAlarmState(ARN + "CompositeDemo.SecondChild", AlarmStateValue.OK,
                Instant.parse("2023-08-04T12:50:00Z")));

        final Evaluation evaluation = CompositeAlarmEvaluator.evaluateChildren("CompositeDemo.Main", rule,
            AlarmStateValue.OK, children::get, NOW);

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(evaluation.reason()).isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:"
            + "CompositeDemo.FirstChild transitioned to ALARM at Friday 04 August, 2023 12:54:46 UTC");
        assertThat(evaluation.reasonData()).isEqualTo("{\"triggeringAlarms\":[{\"arn\":\"arn:aws:cloudwatch:"
            + "us-east-1:111122223333:alarm:CompositeDemo.FirstChild\",\"state\":{\"value\":\"ALARM\","
            + "\"timestamp\":\"2023-08-04T12:54:46.138+0000\"}}]}");
    }

    @Test
    void reproducesACapturedRecoveryNamingTheLastChildToChange() {
        // Captured (EventBridge, 2023): both children listed, newest state first.
        final String arn = "arn:aws:cloudwatch:ap-northeast-1:0000000000:alarm:";
        final AlarmRule rule = AlarmRule.parse("(ALARM(\"" + arn + "test1\") OR ALARM(\"" + arn + "test2\"))");
        final Map<String, ChildAlarmState> children = Map.of(
            "test1", new ChildAlarmState(arn + "test1", AlarmStateValue.OK, Instant.parse("2023-06-22T14:25:30.174Z")),
            "test2", new ChildAlarmState(arn + "test2", AlarmStateValue.OK, Instant.parse("2023-06-22T14:26:01.928Z")));

        final Evaluation evaluation = CompositeAlarmEvaluator.evaluateChildren("composite", rule,
            AlarmStateValue.ALARM, children::get, Instant.parse("2023-06-22T14:26:02Z"));

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.OK);
        assertThat(evaluation.reason()).isEqualTo(
            "arn:aws:cloudwatch:ap-northeast-1:0000000000:alarm:test2 transitioned to OK at Thursday 22 June, 2023 "
                + "14:26:01 UTC");
        assertThat(evaluation.reasonData()).isEqualTo("{\"triggeringAlarms\":[{\"arn\":\"arn:aws:cloudwatch:"
            + "ap-northeast-1:0000000000:alarm:test2\",\"state\":{\"value\":\"OK\",\"timestamp\":"
            + "\"2023-06-22T14:26:01.928+0000\"}},{\"arn\":\"arn:aws:cloudwatch:ap-northeast-1:0000000000:alarm:test1\","
            + "\"state\":{\"value\":\"OK\",\"timestamp\":\"2023-06-22T14:25:30.174+0000\"}}]}");
    }

    @Test
    void fromStatesAloneNamesChildrenAsTheRuleDoesAndDatesThemNow() {
        final AlarmRule rule = AlarmRule.parse("ALARM(cpu) AND NOT ALARM(\"" + ARN + "deploying\")");
        final Map<String, AlarmStateValue> states = Map.of("cpu", AlarmStateValue.ALARM, "deploying",
            AlarmStateValue.OK);

        final Evaluation evaluation = CompositeAlarmEvaluator.evaluate("cpu-not-deploying", rule, AlarmStateValue.OK,
            states::get, NOW);

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(evaluation.reason()).isEqualTo("cpu transitioned to ALARM at Friday 04 August, 2023 12:56:46 UTC");
        assertThat(evaluation.reasonData()).isEqualTo("{\"triggeringAlarms\":[{\"arn\":\"cpu\",\"state\":{\"value\":"
            + "\"ALARM\",\"timestamp\":\"2023-08-04T12:56:46.138+0000\"}},{\"arn\":\"" + ARN + "deploying\","
            + "\"state\":{\"value\":\"OK\",\"timestamp\":\"2023-08-04T12:56:46.138+0000\"}}]}");
    }

    @ParameterizedTest(name = "children in {0}")
    @EnumSource(AlarmStateValue.class)
    void isNeverInsufficientDataAfterCreation(final AlarmStateValue childState) {
        final AlarmRule rule = AlarmRule.parse("ALARM(a) OR ALARM(b)");

        final Evaluation evaluation = CompositeAlarmEvaluator.evaluate("c", rule, AlarmStateValue.INSUFFICIENT_DATA,
            name -> childState, NOW);

        assertThat(evaluation.state()).isEqualTo(childState == AlarmStateValue.ALARM ? AlarmStateValue.ALARM
            : AlarmStateValue.OK);
    }

    @Test
    void startsInInsufficientDataUnchecked() {
        assertThat(Evaluation.initial().state()).isEqualTo(AlarmStateValue.INSUFFICIENT_DATA);
        assertThat(Evaluation.initial().reason()).isEqualTo("Unchecked: Initial alarm creation");
    }

    @Test
    void anUnknownChildCountsAsInsufficientData() {
        final Function<String, AlarmStateValue> nobody = name -> null;

        final Evaluation evaluation = CompositeAlarmEvaluator.evaluate("c", AlarmRule.parse("INSUFFICIENT_DATA(ghost)"),
            AlarmStateValue.OK, nobody, NOW);

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(evaluation.reason()).isEqualTo(
            "ghost transitioned to INSUFFICIENT_DATA at Friday 04 August, 2023 12:56:46 UTC");
    }

    @Test
    void aRuleOfConstantsSaysSo() {
        final Function<String, AlarmStateValue> nobody = name -> null;

        final Evaluation alarm = CompositeAlarmEvaluator.evaluate("c", AlarmRule.parse("TRUE"), AlarmStateValue.OK,
            nobody, NOW);
        final Evaluation ok = CompositeAlarmEvaluator.evaluate("c", AlarmRule.parse("FALSE"), AlarmStateValue.ALARM,
            nobody, NOW);

        assertThat(alarm.state()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(alarm.reason()).isEqualTo("Alarm rule evaluated to TRUE.");
        assertThat(alarm.reasonData()).isEqualTo("{\"triggeringAlarms\":[]}");
        assertThat(ok.state()).isEqualTo(AlarmStateValue.OK);
        assertThat(ok.reason()).isEqualTo("Alarm rule evaluated to FALSE.");
    }

    @Test
    void aRuleOnItselfIsACycleAndKeepsTheCurrentState() {
        final Evaluation evaluation = CompositeAlarmEvaluator.evaluate("loop", AlarmRule.parse("NOT ALARM(loop)"),
            AlarmStateValue.OK, name -> AlarmStateValue.OK, NOW);

        assertThat(evaluation.state()).isEqualTo(AlarmStateValue.OK);
        assertThat(evaluation.reasonData()).isNull();
    }

    @Test
    void tiesInStateTimeKeepRuleOrder() {
        final Instant same = Instant.parse("2023-08-04T12:00:00Z");
        final Map<String, ChildAlarmState> children = Map.of(
            "b", new ChildAlarmState(ARN + "b", AlarmStateValue.ALARM, same),
            "a", new ChildAlarmState(ARN + "a", AlarmStateValue.ALARM, same));

        final Evaluation evaluation = CompositeAlarmEvaluator.evaluateChildren("c",
            AlarmRule.parse("ALARM(b) AND ALARM(a)"), AlarmStateValue.OK, children::get, NOW);

        assertThat(evaluation.reason()).startsWith(ARN + "b transitioned to ALARM");
    }
}
