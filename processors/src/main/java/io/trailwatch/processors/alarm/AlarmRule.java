package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A composite alarm's AlarmRule (PutCompositeAlarm): {@code ALARM(x)}, {@code OK(x)}, {@code INSUFFICIENT_DATA(x)},
 * {@code TRUE}, {@code FALSE}, {@code AND}, {@code OR}, {@code NOT} and parentheses, where x is an alarm name or
 * ARN, optionally in double quotes. At most 10,240 characters, 100 distinct children and 500 elements (children,
 * TRUE and FALSE, and each pair of parentheses). See {@link AlarmRuleParser} for the grammar and its decisions.
 */
public final class AlarmRule {

    private static final String ARN_ALARM_SEPARATOR = ":alarm:";

    private final String text;
    private final RuleNode root;
    private final Map<String, String> references;

    private AlarmRule(final String text, final AlarmRuleParser.Parsed parsed) {
        this.text = text;
        this.root = parsed.root();
        this.references = parsed.references();
    }

    /** @throws AlarmRuleException when PutCompositeAlarm would reject the rule */
    public static AlarmRule parse(final String rule) {
        return new AlarmRule(rule, AlarmRuleParser.parse(rule));
    }

    /**
     * The names of the alarms the rule references, in order of first appearance. A child referenced by ARN is
     * listed by its name: a composite's children must be in its own Region and account, where the name identifies
     * the alarm.
     */
    public Set<String> children() {
        return Collections.unmodifiableSet(references.keySet());
    }

    /**
     * Whether the rule holds.
     *
     * @param stateOf each child's current state by name; null for an alarm it does not know. CloudWatch never
     *                evaluates a rule with a child that does not exist (an alarm a composite depends on cannot be
     *                deleted, per DeleteAlarms), and every alarm starts in INSUFFICIENT_DATA, so an unknown child
     *                is taken to be a child not yet evaluated: INSUFFICIENT_DATA.
     */
    public boolean evaluate(final Function<String, AlarmStateValue> stateOf) {
        return root.evaluate(knownOrInsufficient(stateOf));
    }

    /** The rule as written. */
    public String text() {
        return text;
    }

    /** The children whose states decided the rule's value, in rule order (see {@link RuleNode#explain}). */
    List<String> deciding(final Function<String, AlarmStateValue> stateOf) {
        final Set<String> deciding = new LinkedHashSet<>();
        root.explain(knownOrInsufficient(stateOf), deciding);
        return List.copyOf(deciding);
    }

    /** How the rule first referred to the child: its name, or the ARN when written as one. */
    String reference(final String child) {
        return references.getOrDefault(child, child);
    }

    /** The alarm name an AlarmRule reference denotes: itself, or the part after ":alarm:" of an alarm ARN. */
    public static String alarmNameOf(final String reference) {
        Objects.requireNonNull(reference, "reference");
        final int separator = reference.indexOf(ARN_ALARM_SEPARATOR);
        return reference.startsWith("arn:") && separator >= 0
            ? reference.substring(separator + ARN_ALARM_SEPARATOR.length())
            : reference;
    }

    private static Function<String, AlarmStateValue> knownOrInsufficient(
        final Function<String, AlarmStateValue> stateOf) {
        Objects.requireNonNull(stateOf, "stateOf");
        return child -> {
            final AlarmStateValue state = stateOf.apply(child);
            return state == null ? AlarmStateValue.INSUFFICIENT_DATA : state;
        };
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof AlarmRule that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
