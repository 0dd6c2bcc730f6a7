package io.trailwatch.processors.config;

/** Metric and composite alarms share one namespace of names, as in CloudWatch; the other kinds have their own. */
public final class AlarmNames {

    private AlarmNames() {
    }

    /** Whether definitions of this kind are alarms (metric or composite). */
    public static boolean isAlarm(final DefinitionKind kind) {
        return kind == DefinitionKind.METRIC_ALARM || kind == DefinitionKind.COMPOSITE_ALARM;
    }

    /** What the entry's name must be unique among: alarms claim {@code alarm/<name>}, others their own key. */
    static String claim(final ConfigFile.Entry entry) {
        return isAlarm(entry.kind()) ? "alarm/" + entry.name() : entry.key();
    }
}
