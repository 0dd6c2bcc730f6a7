package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.processors.alarm.topology.AlarmStatus.HeldTransition;
import io.trailwatch.processors.config.DefinitionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes an alarm's history (DescribeAlarmHistory's items) in the task's transaction: state updates, mutes and their
 * releases, and configuration updates with the definition before and after (remembered per alarm); forgets items
 * older than the retention once an hour.
 */
final class AlarmHistoryWriter {

    private static final long PURGE_INTERVAL_MS = 3_600_000L;

    private final KeyValueStore<String, AlarmHistoryItem> history;
    private final KeyValueStore<String, String> definitionsSeen;
    private final Duration retention;
    private long nextPurgeMs = Long.MIN_VALUE;

    AlarmHistoryWriter(final KeyValueStore<String, AlarmHistoryItem> history,
                       final KeyValueStore<String, String> definitionsSeen, final Duration retention) {
        this.history = history;
        this.definitionsSeen = definitionsSeen;
        this.retention = retention;
    }

    void stateUpdate(final AlarmStateChange change, final long ordinal) {
        record(AlarmHistory.stateUpdate(change), ordinal, "1-state");
    }

    void muted(final AlarmStateChange change, final HeldTransition held) {
        record(AlarmHistory.muted(change, held.mutedUntilMs()), held.ordinal(), "2-muted");
    }

    void released(final AlarmStateChange release, final HeldTransition held) {
        record(AlarmHistory.released(release, held.mutedBy()), held.ordinal(), "3-released");
    }

    /**
     * Records a configuration update (Create, Update or Delete by what was seen before), with the definition before
     * and after; deleting what was never there records nothing.
     *
     * @param transitions the alarm's transitions so far, which orders the item among its state updates
     */
    void definitionChanged(final String name, final AlarmInput.DefinitionChanged change, final long transitions) {
        final String previous = definitionsSeen.get(name);
        if (change.definitionJson() == null && previous == null) {
            return;
        }
        final String alarmType = DefinitionKind.COMPOSITE_ALARM.id().equals(change.kind())
            ? AlarmStatus.COMPOSITE_ALARM : AlarmStatus.METRIC_ALARM;
        final String type = change.definitionJson() == null ? "Delete" : previous == null ? "Create" : "Update";
        record(AlarmHistory.configurationUpdate(name, alarmType, change.updatedAtMs(), type, previous,
            change.definitionJson()), transitions, "0-config-" + type.toLowerCase());
        if (change.definitionJson() == null) {
            definitionsSeen.delete(name);
        } else {
            definitionsSeen.put(name, change.definitionJson());
        }
    }

    /** Forgets items older than the retention, at most once an hour. */
    void purgeIfDue(final long now) {
        if (now < nextPurgeMs) {
            return;
        }
        nextPurgeMs = now + PURGE_INTERVAL_MS;
        final long cutoff = now - retention.toMillis();
        final List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, AlarmHistoryItem> all = history.all()) {
            while (all.hasNext()) {
                final KeyValue<String, AlarmHistoryItem> entry = all.next();
                if (entry.value.timestampMs() < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(history::delete);
    }

    /** An action's run for a transition; one item per transition and action, however often it is told. */
    void actionRun(final String name, final String alarmType, final AlarmInput.ActionRun run, final long transitions) {
        record(AlarmHistory.actionRun(name, alarmType, run), transitions, "4-action-" + run.transitionId() + "-"
            + run.action());
    }

    private void record(final AlarmHistoryItem item, final long transitions, final String itemId) {
        history.put(AlarmHistory.key(item.alarmName(), item.timestampMs(), transitions, itemId), item);
    }
}
