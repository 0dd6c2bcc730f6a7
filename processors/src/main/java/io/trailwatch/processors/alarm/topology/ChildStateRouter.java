package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.processors.alarm.topology.AlarmStatus.ChildSnapshot;
import io.trailwatch.processors.alarm.topology.CompiledAlarms.CompositeAlarm;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sends alarm state changes from {@code trailwatch.alarms} to the composite alarms whose rules name the alarm,
 * keyed by composite name, wherever those composites are evaluated. It keeps each alarm's latest state (for the
 * alarms of its partitions), so that a new or changed composite gets its children's current states too: the
 * composite waits for them ({@link AlarmSettings#compositeSettle()}) before it first evaluates its rule.
 */
final class ChildStateRouter implements Processor<String, AlarmStateChange, String, AlarmInput> {

    private final AlarmSettings settings;
    private final AlarmDefinitions definitions;
    private ProcessorContext<String, AlarmInput> context;
    private KeyValueStore<String, ChildSnapshot> latest;
    private Map<String, String> rulesSent = Map.of();
    private long seenGeneration = -1;

    ChildStateRouter(final AlarmSettings settings, final DefinitionsVersion version) {
        this.settings = settings;
        this.definitions = new AlarmDefinitions(version, name -> false);
    }

    @Override
    public void init(final ProcessorContext<String, AlarmInput> context) {
        this.context = context;
        this.latest = context.getStateStore(AlarmTopology.CHILD_STATES_STORE);
        definitions.init(context.getStateStore(ConfigStore.NAME));
        context.schedule(settings.tickInterval(), PunctuationType.WALL_CLOCK_TIME, now -> sendToNewRules());
    }

    @Override
    public void process(final Record<String, AlarmStateChange> record) {
        final AlarmStateChange change = record.value();
        if (change == null) {
            return;
        }
        sendToNewRules();
        final String child = change.getAlarmName();
        final ChildSnapshot snapshot = new ChildSnapshot(change.getState().getValue(),
            change.getState().getTimestamp().toEpochMilli());
        final ChildSnapshot known = latest.get(child);
        if (known == null || known.timestampMs() <= snapshot.timestampMs()) {
            latest.put(child, snapshot);
        }
        for (final String parent : definitions.parentsOf(child)) {
            context.forward(record.withKey(parent).withValue(input(child, snapshot)));
        }
    }

    /**
     * For each composite that is new or whose rule changed since this task last looked (every composite, after a
     * restart), sends the current state of each of its children that this task knows.
     */
    private void sendToNewRules() {
        final long generation = definitions.refresh();
        if (generation == seenGeneration) {
            return;
        }
        seenGeneration = generation;
        final List<CompositeAlarm> composites = definitions.composites();
        final Map<String, String> rules = new HashMap<>();
        final long now = context.currentSystemTimeMs();
        for (final CompositeAlarm composite : composites) {
            rules.put(composite.name(), composite.definition().alarmRule());
            if (composite.definition().alarmRule().equals(rulesSent.get(composite.name()))) {
                continue;
            }
            for (final String child : composite.rule().children()) {
                final ChildSnapshot snapshot = latest.get(child);
                if (snapshot != null) {
                    context.forward(new Record<>(composite.name(), input(child, snapshot), now));
                }
            }
        }
        rulesSent = rules;
    }

    private static AlarmInput input(final String child, final ChildSnapshot snapshot) {
        return new AlarmInput.ChildState(child, snapshot.state(), snapshot.timestampMs());
    }
}
