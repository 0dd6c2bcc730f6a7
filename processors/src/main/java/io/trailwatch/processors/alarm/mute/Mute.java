package io.trailwatch.processors.alarm.mute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The mute rules covering an alarm at one moment.
 *
 * @param ruleNames the rules, sorted by name
 * @param until     when the last of their current windows ends
 */
public record Mute(List<String> ruleNames, Instant until) {

    public Mute {
        ruleNames = List.copyOf(ruleNames);
    }

    /** Whether any of the rules mutes the alarm at the time, and until when. */
    public static Optional<Mute> of(final Collection<MuteRule> rules, final String alarmName, final Instant time) {
        final List<String> names = new ArrayList<>();
        Instant until = null;
        for (final MuteRule rule : rules) {
            final Optional<Instant> end = rule.mutedUntil(alarmName, time);
            if (end.isPresent()) {
                names.add(rule.name());
                until = until == null || end.get().isAfter(until) ? end.get() : until;
            }
        }
        names.sort(null);
        return names.isEmpty() ? Optional.empty() : Optional.of(new Mute(names, until));
    }
}
