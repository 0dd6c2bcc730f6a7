package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Evaluates a composite alarm: ALARM when its rule holds, OK otherwise. INSUFFICIENT_DATA is only the state of a
 * newly created composite ({@link Evaluation#initial()}): PutCompositeAlarm says "this initial time after creation
 * is the only time that the alarm can be in INSUFFICIENT_DATA state".
 */
public final class CompositeAlarmEvaluator {

    private CompositeAlarmEvaluator() {
    }

    /**
     * Evaluates from the children's states alone. The reason then names each child as the rule refers to it (its
     * name, or its ARN where the rule uses one) and dates the child's state {@code now}; use
     * {@link #evaluateChildren} to give ARNs and state times.
     */
    public static Evaluation evaluate(final String alarmName, final AlarmRule rule, final AlarmStateValue current,
                                      final Function<String, AlarmStateValue> stateOf, final Instant now) {
        Objects.requireNonNull(stateOf, "stateOf");
        Objects.requireNonNull(rule, "rule");
        return evaluateChildren(alarmName, rule, current, child -> {
            final AlarmStateValue state = stateOf.apply(child);
            return state == null ? null : new ChildAlarmState(rule.reference(child), state, now);
        }, now);
    }

    /**
     * Evaluates from the children's full states.
     *
     * <p>The reason names the deciding child that changed state last (CloudWatch: "arn:... transitioned to ALARM at
     * Friday 04 August, 2023 12:54:46 UTC") and the reason data lists every deciding child newest first, as in a
     * captured OK transition of {@code (ALARM(test1) OR ALARM(test2))} that lists test2 (14:26:01) before test1
     * (14:25:30).
     *
     * @param childOf each child's state by name; null for an alarm it does not know, which counts as
     *                INSUFFICIENT_DATA (see {@link AlarmRule#evaluate})
     */
    public static Evaluation evaluateChildren(final String alarmName, final AlarmRule rule,
                                              final AlarmStateValue current,
                                              final Function<String, ChildAlarmState> childOf, final Instant now) {
        Objects.requireNonNull(alarmName, "alarmName");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(childOf, "childOf");
        Objects.requireNonNull(now, "now");
        // "The evaluation of composite alarms stops if CloudWatch detects a cycle in the evaluation path": a rule
        // naming its own alarm is the cycle visible here; longer ones are CompositeCycles' job.
        if (rule.children().contains(alarmName)) {
            return new Evaluation(current, "Unchanged: the alarm rule depends on the alarm itself.", null);
        }
        final Function<String, ChildAlarmState> known = child -> {
            final ChildAlarmState state = childOf.apply(child);
            return state != null ? state
                : new ChildAlarmState(rule.reference(child), AlarmStateValue.INSUFFICIENT_DATA, now);
        };
        final Function<String, AlarmStateValue> stateOf = child -> known.apply(child).state();
        final boolean holds = rule.evaluate(stateOf);
        final List<ChildAlarmState> deciding = new ArrayList<>();
        rule.deciding(stateOf).forEach(child -> deciding.add(known.apply(child)));
        deciding.sort(Comparator.comparing(ChildAlarmState::stateTimestamp).reversed());
        return new Evaluation(holds ? AlarmStateValue.ALARM : AlarmStateValue.OK, reason(holds, deciding),
            ReasonData.composite(deciding));
    }

    /**
     * A rule settled by TRUE or FALSE alone has no child to name; CloudWatch's text for that case is not
     * published, so this one says what happened in the rule language's own words.
     */
    private static String reason(final boolean holds, final List<ChildAlarmState> deciding) {
        if (deciding.isEmpty()) {
            return "Alarm rule evaluated to " + (holds ? "TRUE" : "FALSE") + ".";
        }
        final ChildAlarmState latest = deciding.get(0);
        return Reasons.compositeTransition(latest.arn(), latest.state(), latest.stateTimestamp());
    }
}
