package io.trailwatch.processors.alarm.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Alarm history (DescribeAlarmHistory): the items CloudWatch records, with its summaries and HistoryData JSON, in a
 * store keyed {@code <alarm name> NUL <timestamp> NUL <item id>}, so one alarm's items are one ordered range. It is
 * written by the task that owns the alarm, in the same transaction as the state, and kept for the retention
 * (30 days, as CloudWatch) even after the alarm is deleted.
 */
public final class AlarmHistory {

    /** The history store, partitioned like the alarm status store (by alarm name). */
    public static final String STORE = "alarm-history";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char SEPARATOR = '\u0000';
    private static final int PADDED_DIGITS = 15;

    private AlarmHistory() {
    }

    /**
     * The item's key. Within one millisecond, items sort by the alarm's transition count when they were written,
     * then by {@code itemId}, so that a creation precedes the first transition and a transition its mute.
     */
    static String key(final String alarmName, final long timestampMs, final long transitions, final String itemId) {
        return alarmName + SEPARATOR + padded(timestampMs) + SEPARATOR + padded(transitions) + SEPARATOR + itemId;
    }

    /** A non-negative number as 15 digits, so that keys sort as the numbers do. */
    private static String padded(final long value) {
        final String digits = Long.toString(Math.max(0, value));
        return "0".repeat(Math.max(0, PADDED_DIGITS - digits.length())) + digits;
    }

    /** The alarm's items with {@code fromMs <= timestamp <= toMs}, oldest first. */
    public static List<AlarmHistoryItem> items(final ReadOnlyKeyValueStore<String, AlarmHistoryItem> store,
                                               final String alarmName, final long fromMs, final long toMs) {
        final List<AlarmHistoryItem> items = new ArrayList<>();
        final String from = alarmName + SEPARATOR + padded(fromMs);
        final String to = alarmName + SEPARATOR + padded(toMs) + Character.MAX_VALUE;
        try (KeyValueIterator<String, AlarmHistoryItem> range = store.range(from, to)) {
            while (range.hasNext()) {
                final KeyValue<String, AlarmHistoryItem> entry = range.next();
                items.add(entry.value);
            }
        }
        return items;
    }

    /** Every alarm's items with {@code fromMs <= timestamp <= toMs} held in this store, in key order. */
    public static List<AlarmHistoryItem> allItems(final ReadOnlyKeyValueStore<String, AlarmHistoryItem> store,
                                                  final long fromMs, final long toMs) {
        final List<AlarmHistoryItem> items = new ArrayList<>();
        try (KeyValueIterator<String, AlarmHistoryItem> all = store.all()) {
            while (all.hasNext()) {
                final AlarmHistoryItem item = all.next().value;
                if (item.timestampMs() >= fromMs && item.timestampMs() <= toMs) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** "Alarm updated from OK to ALARM", with the old and new state and their reason data. */
    static AlarmHistoryItem stateUpdate(final AlarmStateChange change) {
        final ObjectNode data = JSON.createObjectNode().put("version", "1.0");
        data.set("oldState", state(change.getPreviousState()));
        data.set("newState", state(change.getState()));
        return new AlarmHistoryItem(change.getAlarmName(), change.getAlarmType(),
            change.getState().getTimestamp().toEpochMilli(), AlarmHistoryItem.STATE_UPDATE,
            "Alarm updated from " + change.getPreviousState().getValue() + " to " + change.getState().getValue(),
            write(data));
    }

    /**
     * "Alarm "x" created|updated|deleted", with the definition(s) in the order CloudWatch gives them.
     *
     * @param type     Create, Update or Delete
     * @param original the definition before (Update, Delete), JSON text
     * @param updated  the definition after (Create, Update), JSON text
     */
    static AlarmHistoryItem configurationUpdate(final String alarmName, final String alarmType, final long timestampMs,
                                                final String type, final String original, final String updated) {
        final ObjectNode data = JSON.createObjectNode().put("type", type).put("version", "1.0");
        switch (type) {
            case "Create" -> data.set("createdAlarm", tree(updated));
            case "Update" -> {
                data.set("originalUpdatedAlarm", tree(original));
                data.set("updatedAlarm", tree(updated));
            }
            default -> data.set("deletedAlarm", tree(original));
        }
        final String verb = switch (type) {
            case "Create" -> "created";
            case "Update" -> "updated";
            default -> "deleted";
        };
        return new AlarmHistoryItem(alarmName, alarmType, timestampMs, AlarmHistoryItem.CONFIGURATION_UPDATE,
            "Alarm \"" + alarmName + "\" " + verb, write(data));
    }

    /** Notifications of a transition held back by mute rules. */
    static AlarmHistoryItem muted(final AlarmStateChange change, final long mutedUntilMs) {
        final ObjectNode data = JSON.createObjectNode().put("actionState", "Muted")
            .put("stateUpdateTimestamp", change.getState().getTimestamp().toString())
            .put("transitionId", change.getId())
            .put("mutedUntil", java.time.Instant.ofEpochMilli(mutedUntilMs).toString());
        change.getMutedBy().forEach(data.putArray("muteRules")::add);
        return new AlarmHistoryItem(change.getAlarmName(), change.getAlarmType(),
            change.getState().getTimestamp().toEpochMilli(), AlarmHistoryItem.ACTION,
            "Actions for " + change.getState().getValue() + " muted by alarm mute rule "
                + String.join(", ", change.getMutedBy()), write(data));
    }

    /** The held-back notifications of a transition released at the end of the mute. */
    static AlarmHistoryItem released(final AlarmStateChange release, final List<String> mutedBy) {
        final ObjectNode data = JSON.createObjectNode().put("actionState", "Released")
            .put("stateUpdateTimestamp", release.getState().getTimestamp().toString())
            .put("transitionId", release.getId());
        mutedBy.forEach(data.putArray("muteRules")::add);
        return new AlarmHistoryItem(release.getAlarmName(), release.getAlarmType(),
            release.getNotificationReleasedAt().toEpochMilli(), AlarmHistoryItem.ACTION,
            "Actions for " + release.getState().getValue() + " released: the alarm mute ended with the alarm still in "
                + release.getState().getValue(), write(data));
    }

    /** An action's run: CloudWatch's "Successfully executed action ..." or "Failed to execute action ...". */
    static AlarmHistoryItem actionRun(final String alarmName, final String alarmType, final AlarmInput.ActionRun run) {
        return new AlarmHistoryItem(alarmName, alarmType, run.atMs(), AlarmHistoryItem.ACTION, run.summary(),
            run.data());
    }

    private static ObjectNode state(final AlarmState state) {
        final ObjectNode node = JSON.createObjectNode()
            .put("stateValue", state.getValue().name())
            .put("stateReason", state.getReason());
        if (state.getReasonData() != null) {
            // Valid JSON already (CloudWatch's reason data, or SetAlarmState's, checked): embedded as is.
            node.putRawValue("stateReasonData", new RawValue(state.getReasonData()));
        }
        return node;
    }

    private static JsonNode tree(final String json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (final JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String write(final JsonNode data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
