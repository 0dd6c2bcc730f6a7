package io.trailwatch.processors.alarm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds cycles among composite alarms. CloudWatch lets composites depend on each other in a loop and then "the
 * evaluation of composite alarms stops if CloudWatch detects a cycle in the evaluation path" (PutCompositeAlarm);
 * a caller uses this to stop evaluating, and to report, the composites on a cycle.
 */
public final class CompositeCycles {

    private CompositeCycles() {
    }

    /**
     * A cycle through the alarm, if its rule depends on it again through other composites.
     *
     * @param alarmName the composite to check
     * @param ruleOf    the rule of each composite alarm by name; null for metric alarms and unknown names
     * @return the alarms on the cycle in dependency order, starting and ending with {@code alarmName}
     */
    public static Optional<List<String>> through(final String alarmName, final Function<String, AlarmRule> ruleOf) {
        final List<String> path = new ArrayList<>(List.of(alarmName));
        return search(alarmName, alarmName, ruleOf, path, new HashSet<>());
    }

    private static Optional<List<String>> search(final String target, final String from,
                                                 final Function<String, AlarmRule> ruleOf, final List<String> path,
                                                 final Set<String> explored) {
        final AlarmRule rule = ruleOf.apply(from);
        if (rule == null || !explored.add(from)) {
            return Optional.empty();
        }
        for (final String child : rule.children()) {
            path.add(child);
            if (child.equals(target)) {
                return Optional.of(List.copyOf(path));
            }
            final Optional<List<String>> found = search(target, child, ruleOf, path, explored);
            if (found.isPresent()) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        return Optional.empty();
    }
}
