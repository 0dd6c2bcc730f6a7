package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.alarm.AlarmRule;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The alarm and mute-rule definitions as this instance's copy of the config topic holds them. */
final class AlarmDefinitionsView {

    private final DefinitionStore definitions;

    AlarmDefinitionsView(final DefinitionStore definitions) {
        this.definitions = definitions;
    }

    /** A metric alarm's definition and when it was last written. */
    record MetricAlarm(MetricAlarmDefinition definition, Instant updatedAt) {
    }

    /** A composite alarm's definition, its parsed rule, and when it was last written. */
    record CompositeAlarm(CompositeAlarmDefinition definition, AlarmRule rule, Instant updatedAt) {
    }

    /** A mute rule's definition and when it was last written. */
    record MuteRuleEntry(AlarmMuteRuleDefinition definition, Instant updatedAt) {
    }

    List<MetricAlarm> metricAlarms() {
        final List<MetricAlarm> alarms = new ArrayList<>();
        for (final ConfigEntry entry : definitions.list(DefinitionKind.METRIC_ALARM)) {
            alarms.add(new MetricAlarm(MetricAlarmDefinition.TYPE.fromJson(entry.getDefinition()),
                entry.getUpdatedAt()));
        }
        return alarms;
    }

    List<CompositeAlarm> compositeAlarms() {
        final List<CompositeAlarm> alarms = new ArrayList<>();
        for (final ConfigEntry entry : definitions.list(DefinitionKind.COMPOSITE_ALARM)) {
            final CompositeAlarmDefinition definition = CompositeAlarmDefinition.TYPE.fromJson(entry.getDefinition());
            alarms.add(new CompositeAlarm(definition, AlarmRule.parse(definition.alarmRule()), entry.getUpdatedAt()));
        }
        return alarms;
    }

    List<MuteRuleEntry> muteRules() {
        final List<MuteRuleEntry> rules = new ArrayList<>();
        for (final ConfigEntry entry : definitions.list(DefinitionKind.ALARM_MUTE_RULE)) {
            rules.add(new MuteRuleEntry(AlarmMuteRuleDefinition.TYPE.fromJson(entry.getDefinition()),
                entry.getUpdatedAt()));
        }
        return rules;
    }

    /** A definition as it is stored, with AWS's member names: what a put of it again would take. */
    Optional<ObjectNode> stored(final DefinitionKind kind, final String name) {
        return definitions.get(kind, name).map(entry -> (ObjectNode) Definitions.tree(entry.getDefinition()));
    }

    /** The kind of alarm with this name, metric or composite, if there is one. */
    Optional<DefinitionKind> alarmKind(final String name) {
        if (definitions.get(DefinitionKind.METRIC_ALARM, name).isPresent()) {
            return Optional.of(DefinitionKind.METRIC_ALARM);
        }
        return definitions.get(DefinitionKind.COMPOSITE_ALARM, name).isPresent()
            ? Optional.of(DefinitionKind.COMPOSITE_ALARM) : Optional.empty();
    }
}
