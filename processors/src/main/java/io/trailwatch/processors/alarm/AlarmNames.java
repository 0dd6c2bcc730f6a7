package io.trailwatch.processors.alarm;

import io.trailwatch.processors.config.DefinitionKind;

/** Metric and composite alarms share one namespace of names, as in CloudWatch; the other kinds have their own. */
public final class AlarmNames {

    private AlarmNames() {
    }

    /** Whether definitions of this kind are alarms (metric or composite). */
    public static boolean isAlarm(final DefinitionKind kind) {
        return kind == DefinitionKind.METRIC_ALARM || kind == DefinitionKind.COMPOSITE_ALARM;
    }

    /** What a definition's name must be unique among: alarms claim {@code alarm/<name>}, others their own key. */
    public static String claim(final DefinitionKind kind, final String name) {
        return isAlarm(kind) ? "alarm/" + name : kind.key(name);
    }
}
