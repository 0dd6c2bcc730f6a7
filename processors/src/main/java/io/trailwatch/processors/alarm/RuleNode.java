package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A node of a parsed AlarmRule. */
sealed interface RuleNode {

    boolean evaluate(Function<String, AlarmStateValue> stateOf);

    /**
     * Adds, in rule order, the children whose states made this node come out as it did: for an OR that holds, the
     * operands that hold; for an AND that fails, the operands that fail; otherwise all operands. A failing
     * {@code ALARM(a) OR ALARM(b)} thus names both children, as CloudWatch's OK reason data does.
     */
    void explain(Function<String, AlarmStateValue> stateOf, Set<String> into);

    /** TRUE or FALSE. */
    record Constant(boolean value) implements RuleNode {
        @Override
        public boolean evaluate(final Function<String, AlarmStateValue> stateOf) {
            return value;
        }

        @Override
        public void explain(final Function<String, AlarmStateValue> stateOf, final Set<String> into) {
            // A constant owes its value to no child.
        }
    }

    /** ALARM(x), OK(x) or INSUFFICIENT_DATA(x): whether child x is in that state. */
    record StateIs(AlarmStateValue state, String child) implements RuleNode {
        @Override
        public boolean evaluate(final Function<String, AlarmStateValue> stateOf) {
            return stateOf.apply(child) == state;
        }

        @Override
        public void explain(final Function<String, AlarmStateValue> stateOf, final Set<String> into) {
            into.add(child);
        }
    }

    record Not(RuleNode operand) implements RuleNode {
        @Override
        public boolean evaluate(final Function<String, AlarmStateValue> stateOf) {
            return !operand.evaluate(stateOf);
        }

        @Override
        public void explain(final Function<String, AlarmStateValue> stateOf, final Set<String> into) {
            operand.explain(stateOf, into);
        }
    }

    /** AND over two or more operands when {@code conjunction}, OR otherwise. */
    record Junction(boolean conjunction, List<RuleNode> operands) implements RuleNode {
        public Junction {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean evaluate(final Function<String, AlarmStateValue> stateOf) {
            return conjunction
                ? operands.stream().allMatch(operand -> operand.evaluate(stateOf))
                : operands.stream().anyMatch(operand -> operand.evaluate(stateOf));
        }

        @Override
        public void explain(final Function<String, AlarmStateValue> stateOf, final Set<String> into) {
            final boolean value = evaluate(stateOf);
            // An AND that holds and an OR that fails depend on every operand; otherwise only the deciding ones.
            final boolean everyOperand = value == conjunction;
            for (final RuleNode operand : operands) {
                if (everyOperand || operand.evaluate(stateOf) == value) {
                    operand.explain(stateOf, into);
                }
            }
        }
    }
}
