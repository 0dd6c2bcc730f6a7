package io.trailwatch.processors.notify;

import java.util.Optional;

/**
 * The SNS ARNs of a deployment's notification topics ({@code arn:aws:sns:<region>:<account>:<name>}) and of their
 * subscriptions (the topic's, then {@code :<id>}), as alarms name them in their actions.
 */
public record NotificationTopicArns(String accountId, String region) {

    public String topic(final String topicName) {
        return prefix() + topicName;
    }

    public String subscription(final SubscriptionDefinition subscription) {
        return topic(subscription.topicName()) + ":" + subscription.id();
    }

    /** The name of the topic an action names, when it is one of this deployment's topic ARNs. */
    public Optional<String> topicName(final String arn) {
        final String name = arn.startsWith(prefix()) ? arn.substring(prefix().length()) : "";
        return name.isEmpty() || name.contains(":") ? Optional.empty() : Optional.of(name);
    }

    private String prefix() {
        return "arn:aws:sns:" + region + ":" + accountId + ":";
    }
}
