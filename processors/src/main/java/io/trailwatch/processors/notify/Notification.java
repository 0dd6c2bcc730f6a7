package io.trailwatch.processors.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One message of a notification topic for one of its subscriptions, as {@code trailwatch.notifications} carries it
 * (JSON). It names its subscription rather than the endpoint, which the deliverer reads from the subscription when
 * it delivers, so that no endpoint credential is on the topic.
 *
 * @param deliveryId   {@code <transition id>/<subscription id>}: the same transition for the same subscription
 *                     always has the same id, which is the request's idempotency key and what the delivered set holds
 * @param messageId    SNS's MessageId, derived from the delivery id
 * @param subscription the subscription's definition name ({@code <topic>:<id>})
 * @param topicArn     the topic's ARN
 * @param alarmName    the alarm whose transition this is
 * @param subject      SNS's Subject: {@code ALARM: "name" in <region>}
 * @param message      SNS's Message: CloudWatch's alarm notification JSON, as text
 * @param timestamp    when it was published, ISO 8601
 */
public record Notification(String deliveryId, String messageId, String subscription, String topicArn,
                           String alarmName, String subject, String message, String timestamp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Notification of(final String transitionId, final SubscriptionDefinition subscription,
                                  final String topicArn, final String alarmName, final String subject,
                                  final String message, final String timestamp) {
        final String deliveryId = transitionId + "/" + subscription.id();
        return new Notification(deliveryId,
            UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8)).toString(), subscription.name(),
            topicArn, alarmName, subject, message, timestamp);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a notification */
    public static Notification fromJson(final String json) {
        try {
            final Notification notification = JSON.readValue(json, Notification.class);
            if (notification.deliveryId() == null || notification.subscription() == null
                || notification.message() == null) {
                throw new IllegalArgumentException("deliveryId, subscription and message are required");
            }
            return notification;
        } catch (final IOException e) {
            throw new IllegalArgumentException("not a notification: " + e.getMessage(), e);
        }
    }
}
