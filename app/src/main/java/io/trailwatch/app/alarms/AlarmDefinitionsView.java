package io.trailwatch.app.alarms;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.alarm.AlarmRule;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.config.CompositeAlarmJson;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.config.MetricAlarmJson;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The alarm and mute-rule definitions as this instance's copy of the config topic holds them. */
final class AlarmDefinitionsView {

    private final ProcessorsRuntime runtime;

    AlarmDefinitionsView(final ProcessorsRuntime runtime) {
        this.runtime = runtime;
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
        for (final ConfigEntry entry : entries(DefinitionKind.METRIC_ALARM)) {
            alarms.add(new MetricAlarm(MetricAlarmJson.read(Definitions.tree(entry.getDefinition())),
                entry.getUpdatedAt()));
        }
        return alarms;
    }

    List<CompositeAlarm> compositeAlarms() {
        final List<CompositeAlarm> alarms = new ArrayList<>();
        for (final ConfigEntry entry : entries(DefinitionKind.COMPOSITE_ALARM)) {
            final CompositeAlarmDefinition definition = CompositeAlarmJson.read(Definitions.tree(entry.getDefinition()));
            alarms.add(new CompositeAlarm(definition, AlarmRule.parse(definition.alarmRule()), entry.getUpdatedAt()));
        }
        return alarms;
    }

    List<MuteRuleEntry> muteRules() {
        final List<MuteRuleEntry> rules = new ArrayList<>();
        for (final ConfigEntry entry : entries(DefinitionKind.ALARM_MUTE_RULE)) {
            rules.add(new MuteRuleEntry(Definitions.fromJson(entry.getDefinition(), AlarmMuteRuleDefinition.class),
                entry.getUpdatedAt()));
        }
        return rules;
    }

    /** The kind of alarm with this name, metric or composite, if there is one. */
    Optional<DefinitionKind> alarmKind(final String name) {
        final ReadOnlyKeyValueStore<String, ConfigEntry> store = store();
        if (store.get(DefinitionKind.METRIC_ALARM.key(name)) != null) {
            return Optional.of(DefinitionKind.METRIC_ALARM);
        }
        return store.get(DefinitionKind.COMPOSITE_ALARM.key(name)) != null
            ? Optional.of(DefinitionKind.COMPOSITE_ALARM) : Optional.empty();
    }

    /** The definition stored under the key, or null. */
    ConfigEntry entry(final String key) {
        return store().get(key);
    }

    private List<ConfigEntry> entries(final DefinitionKind kind) {
        final List<ConfigEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, ConfigEntry> all = store().prefixScan(kind.id() + "/",
            Serdes.String().serializer())) {
            while (all.hasNext()) {
                final KeyValue<String, ConfigEntry> next = all.next();
                entries.add(next.value);
            }
        }
        return entries;
    }

    private ReadOnlyKeyValueStore<String, ConfigEntry> store() {
        return LocalStores.keyValue(runtime, ConfigStore.NAME);
    }
}
