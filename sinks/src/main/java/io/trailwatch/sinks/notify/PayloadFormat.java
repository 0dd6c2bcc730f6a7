package io.trailwatch.sinks.notify;

/** The payloads the notifier sends, named as {@code webhook.format} takes them. */
public enum PayloadFormat {
    /** CloudWatch's "CloudWatch Alarm State Change" event, as EventBridge delivers it. */
    json,
    /** A Slack incoming-webhook message. */
    slack,
    /** A PagerDuty Events API v2 event. */
    pagerduty
}
