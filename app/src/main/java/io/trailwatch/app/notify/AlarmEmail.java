package io.trailwatch.app.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.notify.Notification;

/**
 * The text of an alarm's email notification, as CloudWatch words the mail its alarms send through SNS: why the
 * alarm changed state, then its details, from the notification's message (CloudWatch's alarm JSON).
 */
final class AlarmEmail {

    private AlarmEmail() {
    }

    static String text(final Notification notification) {
        final JsonNode alarm = Definitions.tree(notification.message());
        final String name = alarm.path("AlarmName").asText();
        final String state = alarm.path("NewStateValue").asText();
        final String reason = alarm.path("NewStateReason").asText();
        final String time = alarm.path("StateChangeTime").asText();
        final StringBuilder text = new StringBuilder()
            .append("You are receiving this email because your Trailwatch alarm \"").append(name).append("\" in the ")
            .append(alarm.path("Region").asText()).append(" region has entered the ").append(state)
            .append(" state, because \"").append(reason).append("\" at \"").append(time).append("\".\n\n")
            .append("Alarm Details:\n")
            .append("- Name:                       ").append(name).append('\n')
            .append("- Description:                ").append(alarm.path("AlarmDescription").asText("")).append('\n')
            .append("- State Change:               ").append(alarm.path("OldStateValue").asText()).append(" -> ")
            .append(state).append('\n')
            .append("- Reason for State Change:    ").append(reason).append('\n')
            .append("- Timestamp:                  ").append(time).append('\n')
            .append("- AWS Account:                ").append(alarm.path("AWSAccountId").asText()).append('\n')
            .append("- Alarm Arn:                  ").append(alarm.path("AlarmArn").asText()).append('\n');
        final JsonNode trigger = alarm.path("Trigger");
        if (!trigger.isMissingNode()) {
            text.append("\nMonitored Metric:\n")
                .append("- MetricNamespace:            ").append(trigger.path("Namespace").asText()).append('\n')
                .append("- MetricName:                 ").append(trigger.path("MetricName").asText()).append('\n')
                .append("- Period:                     ").append(trigger.path("Period").asText()).append(" seconds\n")
                .append("- Statistic:                  ").append(trigger.path("Statistic").asText(
                    trigger.path("ExtendedStatistic").asText())).append('\n')
                .append("- Threshold:                  ").append(trigger.path("ComparisonOperator").asText())
                .append(' ').append(trigger.path("Threshold").asText()).append('\n');
        }
        return text.append("\n--\nTopic ").append(notification.topicArn()).append(", message ")
            .append(notification.messageId()).append('\n').toString();
    }
}
