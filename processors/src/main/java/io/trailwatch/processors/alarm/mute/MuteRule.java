package io.trailwatch.processors.alarm.mute;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A validated alarm mute rule, ready to answer "is this alarm muted at this time, and until when".
 *
 * @param name     the rule's name
 * @param schedule its windows
 * @param targets  the alarms it mutes
 * @param start    no window before this, or null
 * @param expire   no window from this on, or null
 */
public record MuteRule(String name, MuteSchedule schedule, Set<String> targets, Instant start, Instant expire) {

    public MuteRule {
        targets = Set.copyOf(targets);
    }

    /** ListAlarmMuteRules' Status of the rule at a time: SCHEDULED, ACTIVE or EXPIRED. */
    public String status(final Instant time) {
        if (expire != null && !time.isBefore(expire) || schedule.isOneTime() && schedule.oneTimeEnd().isBefore(time)) {
            return "EXPIRED";
        }
        final boolean started = start == null || !time.isBefore(start);
        return started && schedule.windowEndAt(time).isPresent() ? "ACTIVE" : "SCHEDULED";
    }

    /** ListAlarmMuteRules' MuteType: ONE_TIME for an at() schedule, RECURRING for cron(). */
    public String muteType() {
        return schedule.isOneTime() ? "ONE_TIME" : "RECURRING";
    }

    /** When the mute of {@code alarmName} that covers {@code time} ends; empty when it is not muted then. */
    public Optional<Instant> mutedUntil(final String alarmName, final Instant time) {
        if (!targets.contains(alarmName) || start != null && time.isBefore(start)
            || expire != null && !time.isBefore(expire)) {
            return Optional.empty();
        }
        return schedule.windowEndAt(time).map(end -> expire != null && expire.isBefore(end) ? expire : end);
    }
}
