package io.trailwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.schemas.text.Printable;

/** How alarm state changes are shown to people (one line) and programs (CloudWatch's event detail JSON). */
public final class AlarmChangeFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlarmChangeFormat() {
    }

    /**
     * One line for a console or a log: every text of the change (alarm name, reason, mute rule names) goes through
     * {@link Printable#escape}, so a reason holding a newline or terminal escape codes cannot print a line of its own
     * or rewrite the screen.
     */
    public static String line(final AlarmStateChange change) {
        return change.getState().getTimestamp() + "  " + Printable.escape(change.getAlarmName()) + "  "
            + change.getPreviousState().getValue() + " -> " + change.getState().getValue() + "  "
            + Printable.escape(change.getState().getReason()) + notification(change);
    }

    /** Whether notifications of the change are held back by mute rules, or released after them. */
    private static String notification(final AlarmStateChange change) {
        if (change.getNotificationReleasedAt() != null) {
            return "  [notifications released " + change.getNotificationReleasedAt() + " after a mute]";
        }
        return change.getMutedBy().isEmpty() ? ""
            : "  [muted by " + String.join(", ", change.getMutedBy().stream().map(Printable::escape).toList()) + "]";
    }

    /** The "CloudWatch Alarm State Change" event's detail: alarmName, state, previousState, configuration. */
    public static String json(final AlarmStateChange change) {
        final ObjectNode detail = JSON.createObjectNode();
        detail.put("id", change.getId());
        detail.put("alarmName", change.getAlarmName());
        detail.set("state", state(change.getState()));
        detail.set("previousState", state(change.getPreviousState()));
        detail.put("alarmType", change.getAlarmType());
        if (!change.getMutedBy().isEmpty()) {
            change.getMutedBy().forEach(detail.putArray("mutedBy")::add);
        }
        if (change.getNotificationReleasedAt() != null) {
            detail.put("notificationReleasedAt", change.getNotificationReleasedAt().toString());
        }
        final ObjectNode configuration = detail.putObject("configuration");
        configuration.put("description", change.getConfiguration().getDescription());
        configuration.put("namespace", change.getConfiguration().getNamespace());
        configuration.put("metricName", change.getConfiguration().getMetricName());
        configuration.put("statistic", change.getConfiguration().getStatistic());
        if (change.getConfiguration().getPeriod() != null) {
            configuration.put("period", change.getConfiguration().getPeriod());
        }
        if (change.getConfiguration().getThreshold() != null) {
            configuration.put("threshold", change.getConfiguration().getThreshold());
        }
        configuration.put("comparisonOperator", change.getConfiguration().getComparisonOperator());
        if (change.getConfiguration().getAlarmRule() != null) {
            configuration.put("alarmRule", change.getConfiguration().getAlarmRule());
        }
        return detail.toString();
    }

    private static ObjectNode state(final AlarmState state) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("value", state.getValue().name());
        node.put("reason", state.getReason());
        if (state.getReasonData() != null) {
            node.put("reasonData", state.getReasonData());
        }
        node.put("timestamp", state.getTimestamp().toString());
        return node;
    }
}
