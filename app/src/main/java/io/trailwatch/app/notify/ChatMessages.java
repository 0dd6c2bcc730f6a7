package io.trailwatch.app.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.notify.Notification;
import java.io.IOException;
import java.util.Optional;

/**
 * What the {@code slack} and {@code pagerduty} subscriptions receive for a notification: a Slack incoming-webhook
 * message, and a PagerDuty Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/)
 * whose dedup_key is the alarm's ARN, so that one incident follows one alarm: ALARM triggers it, OK resolves it, and
 * INSUFFICIENT_DATA, which says nothing about the incident, sends nothing. A rule's event (no alarm) triggers an
 * incident deduplicated by the event's id.
 */
final class ChatMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PagerDuty truncates summaries at 1,024 characters; longer ones are cut here with an ellipsis. */
    private static final int SUMMARY = 1024;

    private ChatMessages() {
    }

    /** The Slack message: the alarm's state, name, change and reason; a rule's event as its type and source. */
    static String slack(final Notification notification) {
        final JsonNode message = tree(notification.message());
        final ObjectNode body = JSON.createObjectNode();
        if (notification.alarmName() == null) {
            body.put("text", "*" + escaped(message.path("detail-type").asText("Event")) + "* from `"
                + escaped(message.path("source").asText()) + "` (rule " + escaped(ruleOf(notification)) + ")");
            return body.toString();
        }
        final String state = message.path("NewStateValue").asText();
        final String icon = switch (state) {
            case "ALARM" -> ":red_circle:";
            case "OK" -> ":large_green_circle:";
            default -> ":white_circle:";
        };
        body.put("text", icon + " *" + escaped(state) + "* `" + escaped(notification.alarmName()) + "` ("
            + escaped(message.path("OldStateValue").asText()) + " -> " + escaped(state) + ")\n>"
            + escaped(message.path("NewStateReason").asText()));
        return body.toString();
    }

    /** The PagerDuty event; empty when there is nothing to say to the incident (INSUFFICIENT_DATA). */
    static Optional<String> pagerDuty(final Notification notification, final String routingKey) {
        final JsonNode message = tree(notification.message());
        final ObjectNode event = JSON.createObjectNode().put("routing_key", routingKey);
        if (notification.alarmName() == null) {
            event.put("event_action", "trigger").put("dedup_key", message.path("id").asText());
            payload(event, message.path("detail-type").asText("Event") + " from " + message.path("source").asText(),
                message.path("source").asText("trailwatch"), message.path("time").asText(null), message);
            return Optional.of(event.toString());
        }
        final String state = message.path("NewStateValue").asText();
        if (!"ALARM".equals(state) && !"OK".equals(state)) {
            return Optional.empty();
        }
        final String alarmArn = message.path("AlarmArn").asText();
        event.put("event_action", "ALARM".equals(state) ? "trigger" : "resolve").put("dedup_key", alarmArn);
        if ("ALARM".equals(state)) {
            payload(event, "ALARM: \"" + notification.alarmName() + "\" - " + message.path("NewStateReason").asText(),
                alarmArn, null, message);
        }
        return Optional.of(event.toString());
    }

    private static void payload(final ObjectNode event, final String summary, final String source,
                                final String timestamp, final JsonNode details) {
        final ObjectNode payload = event.putObject("payload")
            .put("summary", summary.length() <= SUMMARY ? summary : summary.substring(0, SUMMARY - 3) + "...")
            .put("source", source)
            .put("severity", "critical");
        if (timestamp != null) {
            payload.put("timestamp", timestamp);
        }
        payload.set("custom_details", details);
        event.put("client", "Trailwatch");
    }

    /**
     * Text as Slack's mrkdwn shows it literally: &, < and > escaped as Slack asks, so that a name like
     * {@code <!channel>} is printed, not obeyed.
     */
    static String escaped(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String ruleOf(final Notification notification) {
        final String[] parts = notification.deliveryId().split("/");
        return parts.length > 1 ? parts[1] : "?";
    }

    private static JsonNode tree(final String text) {
        try {
            return JSON.readTree(text);
        } catch (final IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
