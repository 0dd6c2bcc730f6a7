package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.alarm.AlarmRule;
import io.trailwatch.processors.alarm.mute.MuteRule;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.CompositeAlarm;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.MetricAlarm;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.DefinitionsVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One processor's view of the alarm definitions: metric alarms, composite alarms and mute rules by name, the
 * alarms its task owns, and which composites name each alarm. Rebuilt only when the config store changed.
 */
final class AlarmDefinitions {

    private final CompiledDefinitions<MetricAlarm> metricDefinitions;
    private final CompiledDefinitions<CompositeAlarm> compositeDefinitions;
    private final CompiledDefinitions<MuteRule> muteDefinitions;
    private final Predicate<String> owned;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private List<MetricAlarm> metricSource;
    private List<CompositeAlarm> compositeSource;
    private List<MuteRule> muteSource;
    private long generation;
    private Map<String, MetricAlarm> metrics = Map.of();
    private Map<String, CompositeAlarm> composites = Map.of();
    private List<MetricAlarm> ownedMetrics = List.of();
    private List<CompositeAlarm> ownedComposites = List.of();
    private Map<String, List<String>> parents = Map.of();

    /** @param owned whether this task owns an alarm (all alarms for processors that do not own any) */
    AlarmDefinitions(final DefinitionsVersion version, final Predicate<String> owned) {
        this.metricDefinitions = CompiledAlarms.compiled(version);
        this.compositeDefinitions = CompiledAlarms.composites(version);
        this.muteDefinitions = CompiledAlarms.muteRules(version);
        this.owned = owned;
    }

    void init(final ReadOnlyKeyValueStore<String, ConfigEntry> store) {
        this.config = store;
    }

    /** Re-reads the definitions if the store changed; returns a number that changes whenever they did. */
    long refresh() {
        final List<MetricAlarm> metricList = metricDefinitions.current(config);
        final List<CompositeAlarm> compositeList = compositeDefinitions.current(config);
        final List<MuteRule> muteList = muteDefinitions.current(config);
        if (metricList != metricSource || compositeList != compositeSource || muteList != muteSource) {
            index(metricList, compositeList);
            metricSource = metricList;
            compositeSource = compositeList;
            muteSource = muteList;
            generation++;
        }
        return generation;
    }

    MetricAlarm metric(final String name) {
        refresh();
        return metrics.get(name);
    }

    CompositeAlarm composite(final String name) {
        refresh();
        return composites.get(name);
    }

    boolean exists(final String name) {
        refresh();
        return metrics.containsKey(name) || composites.containsKey(name);
    }

    List<MetricAlarm> ownedMetrics() {
        refresh();
        return ownedMetrics;
    }

    List<CompositeAlarm> ownedComposites() {
        refresh();
        return ownedComposites;
    }

    List<CompositeAlarm> composites() {
        refresh();
        return compositeSource;
    }

    List<MuteRule> muteRules() {
        refresh();
        return muteSource;
    }

    /** The composites whose rule names the alarm. */
    List<String> parentsOf(final String alarmName) {
        refresh();
        return parents.getOrDefault(alarmName, List.of());
    }

    /** The rule of a composite alarm; null for metric alarms and unknown names (as CompositeCycles takes it). */
    AlarmRule ruleOf(final String alarmName) {
        final CompositeAlarm composite = composites.get(alarmName);
        return composite == null ? null : composite.rule();
    }

    private void index(final List<MetricAlarm> metricList, final List<CompositeAlarm> compositeList) {
        final Map<String, MetricAlarm> nextMetrics = new HashMap<>();
        final List<MetricAlarm> nextOwnedMetrics = new ArrayList<>();
        for (final MetricAlarm alarm : metricList) {
            nextMetrics.put(alarm.name(), alarm);
            if (owned.test(alarm.name())) {
                nextOwnedMetrics.add(alarm);
            }
        }
        final Map<String, CompositeAlarm> nextComposites = new HashMap<>();
        final List<CompositeAlarm> nextOwnedComposites = new ArrayList<>();
        final Map<String, List<String>> nextParents = new HashMap<>();
        for (final CompositeAlarm alarm : compositeList) {
            nextComposites.put(alarm.name(), alarm);
            if (owned.test(alarm.name())) {
                nextOwnedComposites.add(alarm);
            }
            alarm.rule().children().forEach(child ->
                nextParents.computeIfAbsent(child, c -> new ArrayList<>()).add(alarm.name()));
        }
        metrics = nextMetrics;
        composites = nextComposites;
        ownedMetrics = List.copyOf(nextOwnedMetrics);
        ownedComposites = List.copyOf(nextOwnedComposites);
        parents = nextParents;
    }
}
