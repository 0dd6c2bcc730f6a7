package io.trailwatch.sinks.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.Dimension;
import io.trailwatch.schemas.AlarmArns;
import java.util.Optional;

/** The body of the notification of a state change, in each {@link PayloadFormat}. */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PagerDuty truncates summaries at 1024 characters; longer ones are cut here with an ellipsis. */
    private static final int PAGERDUTY_SUMMARY = 1024;

    private final PayloadFormat format;
    private final String routingKey;

    Payloads(final PayloadFormat format, final String routingKey) {
        this.format = format;
        this.routingKey = routingKey;
    }

    /** The body to POST; empty when the format has nothing to say about this change. */
    Optional<String> of(final AlarmStateChange change) {
        return switch (format) {
            case json -> Optional.of(event(change).toString());
            case slack -> Optional.of(slack(change).toString());
            case pagerduty -> pagerDuty(change).map(ObjectNode::toString);
        };
    }

    /**
     * CloudWatch's "CloudWatch Alarm State Change" event, as EventBridge delivers it, with the transition id as the
     * event id.
     */
    static ObjectNode event(final AlarmStateChange change) {
        final ObjectNode event = JSON.createObjectNode()
            .put("version", "0")
            .put("id", change.getId())
            .put("detail-type", "CloudWatch Alarm State Change")
            .put("source", "aws.cloudwatch")
            .put("account", AlarmArns.ACCOUNT)
            .put("time", change.getState().getTimestamp().toString())
            .put("region", AlarmArns.REGION);
        event.putArray("resources").add(AlarmArns.of(change.getAlarmName()));
        final ObjectNode detail = event.putObject("detail").put("alarmName", change.getAlarmName());
        detail.set("state", state(change.getState()));
        detail.set("previousState", state(change.getPreviousState()));
        detail.set("configuration", configuration(change.getConfiguration()));
        return event;
    }

    private static ObjectNode slack(final AlarmStateChange change) {
        final AlarmStateValue state = change.getState().getValue();
        final String icon = switch (state) {
            case ALARM -> ":red_circle:";
            case OK -> ":large_green_circle:";
            case INSUFFICIENT_DATA -> ":white_circle:";
        };
        final ObjectNode message = JSON.createObjectNode().put("text", icon + " *" + state + "* `"
            + change.getAlarmName() + "` (" + change.getPreviousState().getValue() + " -> " + state + ")\n>"
            + change.getState().getReason());
        final ObjectNode attachment = message.putArray("attachments").addObject()
            .put("color", switch (state) {
                case ALARM -> "#d13212";
                case OK -> "#1d8102";
                case INSUFFICIENT_DATA -> "#879596";
            })
            .put("fallback", change.getAlarmName() + " is " + state)
            .put("ts", change.getState().getTimestamp().getEpochSecond());
        final ArrayNode fields = attachment.putArray("fields");
        fields.addObject().put("title", "Alarm").put("value", change.getAlarmName()).put("short", true);
        fields.addObject().put("title", "State").put("value", change.getPreviousState().getValue() + " -> " + state)
            .put("short", true);
        if (change.getConfiguration().getDescription() != null) {
            fields.addObject().put("title", "Description").put("value", change.getConfiguration().getDescription())
                .put("short", false);
        }
        return message;
    }

    /**
     * A PagerDuty Events v2 event: the alarm is the dedup key, so one incident follows one alarm; ALARM triggers it
     * and OK resolves it. INSUFFICIENT_DATA says nothing about the incident and is not sent.
     */
    private Optional<ObjectNode> pagerDuty(final AlarmStateChange change) {
        final AlarmStateValue state = change.getState().getValue();
        if (state == AlarmStateValue.INSUFFICIENT_DATA) {
            return Optional.empty();
        }
        final ObjectNode event = JSON.createObjectNode()
            .put("routing_key", routingKey)
            .put("event_action", state == AlarmStateValue.ALARM ? "trigger" : "resolve")
            .put("dedup_key", change.getAlarmName());
        if (state == AlarmStateValue.ALARM) {
            final String summary = "ALARM: \"" + change.getAlarmName() + "\" - " + change.getState().getReason();
            final ObjectNode payload = event.putObject("payload")
                .put("summary", summary.length() <= PAGERDUTY_SUMMARY ? summary
                    : summary.substring(0, PAGERDUTY_SUMMARY - 3) + "...")
                .put("source", AlarmArns.of(change.getAlarmName()))
                .put("severity", "critical")
                .put("timestamp", change.getState().getTimestamp().toString())
                .put("class", change.getAlarmType());
            if (change.getConfiguration().getNamespace() != null) {
                payload.put("component", change.getConfiguration().getNamespace() + "/"
                    + change.getConfiguration().getMetricName());
            }
            payload.set("custom_details", event(change).get("detail"));
            event.put("client", "Trailwatch");
        }
        return Optional.of(event);
    }

    private static ObjectNode state(final AlarmState state) {
        final ObjectNode node = JSON.createObjectNode()
            .put("value", state.getValue().name())
            .put("reason", state.getReason());
        if (state.getReasonData() != null) {
            node.put("reasonData", state.getReasonData());
        }
        return node.put("timestamp", state.getTimestamp().toString());
    }

    private static ObjectNode configuration(final AlarmConfiguration configuration) {
        final ObjectNode node = JSON.createObjectNode();
        if (configuration.getDescription() != null) {
            node.put("description", configuration.getDescription());
        }
        if (configuration.getAlarmRule() != null) {
            return node.put("alarmRule", configuration.getAlarmRule());
        }
        final ObjectNode metricStat = node.putArray("metrics").addObject().put("id", "m1").put("returnData", true)
            .putObject("metricStat");
        final ObjectNode metric = metricStat.putObject("metric")
            .put("namespace", configuration.getNamespace())
            .put("name", configuration.getMetricName());
        final ObjectNode dimensions = metric.putObject("dimensions");
        for (final Dimension dimension : configuration.getDimensions()) {
            dimensions.put(dimension.getName(), dimension.getValue());
        }
        if (configuration.getPeriod() != null) {
            metricStat.put("period", configuration.getPeriod());
        }
        metricStat.put("stat", configuration.getStatistic());
        return node;
    }
}
