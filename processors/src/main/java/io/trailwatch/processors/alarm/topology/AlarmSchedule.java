package io.trailwatch.processors.alarm.topology;

import io.trailwatch.processors.alarm.topology.CompiledAlarms.MetricAlarm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each alarm of a task next needs the wall clock: a metric alarm at the next period boundary after its last
 * evaluation (plus the evaluation delay), a composite when its settle time ends, any alarm when the mute of its
 * held-back transition ends. Kept in memory: the processor rebuilds it after a restart or a definition change by
 * looking at every alarm once.
 */
final class AlarmSchedule {

    private final Duration evaluationDelay;
    private final Map<String, Long> due = new HashMap<>();

    AlarmSchedule(final Duration evaluationDelay) {
        this.evaluationDelay = evaluationDelay;
    }

    /** @param metric the alarm's definition when it is a metric alarm, else null */
    void plan(final String name, final AlarmStatus status, final MetricAlarm metric) {
        long at = Long.MAX_VALUE;
        if (metric != null) {
            final long periodMs = metric.definition().period() * 1000L;
            at = status.lastEvaluatedMs() == Long.MIN_VALUE ? Long.MIN_VALUE
                : (Math.floorDiv(status.lastEvaluatedMs(), periodMs) + 1) * periodMs + evaluationDelay.toMillis();
        } else if (status.settleUntilMs() != Long.MIN_VALUE) {
            at = status.settleUntilMs();
        }
        if (status.held() != null) {
            at = Math.min(at, status.held().mutedUntilMs());
        }
        due.put(name, at);
    }

    /** The alarms whose time has come. */
    List<String> dueAt(final long now) {
        final List<String> dueNow = new ArrayList<>();
        due.forEach((name, at) -> {
            if (at <= now) {
                dueNow.add(name);
            }
        });
        return dueNow;
    }

    void forget(final String name) {
        due.remove(name);
    }

    void clear() {
        due.clear();
    }
}
