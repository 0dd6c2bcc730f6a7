package io.trailwatch.processors.alarm.topology;

import io.trailwatch.processors.alarm.AlarmRule;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.alarm.mute.MuteRule;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;

/** Alarm and mute-rule definitions as read from the config store, each with the JSON it was compiled from. */
final class CompiledAlarms {

    private CompiledAlarms() {
    }

    /**
     * A metric alarm, its definition JSON, and what its datapoints depend on ({@link AlarmIndex#signature}), computed
     * once.
     */
    record MetricAlarm(MetricAlarmDefinition definition, String json, String signature) {
        MetricAlarm(final MetricAlarmDefinition definition, final String json) {
            this(definition, json, AlarmIndex.signature(definition));
        }

        String name() {
            return definition.alarmName();
        }
    }

    /** A composite alarm, its parsed rule and its definition JSON. */
    record CompositeAlarm(CompositeAlarmDefinition definition, AlarmRule rule, String json) {
        String name() {
            return definition.alarmName();
        }
    }

    static CompiledDefinitions<MetricAlarm> compiled(final DefinitionsVersion version) {
        return new CompiledDefinitions<>(DefinitionKind.METRIC_ALARM,
            json -> new MetricAlarm(MetricAlarmDefinition.TYPE.fromJson(json).validate(), json), version);
    }

    static CompiledDefinitions<CompositeAlarm> composites(final DefinitionsVersion version) {
        return new CompiledDefinitions<>(DefinitionKind.COMPOSITE_ALARM, json -> {
            final CompositeAlarmDefinition definition = CompositeAlarmDefinition.TYPE.fromJson(json);
            return new CompositeAlarm(definition, definition.validate(), json);
        }, version);
    }

    static CompiledDefinitions<MuteRule> muteRules(final DefinitionsVersion version) {
        return new CompiledDefinitions<>(DefinitionKind.ALARM_MUTE_RULE,
            json -> AlarmMuteRuleDefinition.TYPE.fromJson(json).validate(), version);
    }
}
