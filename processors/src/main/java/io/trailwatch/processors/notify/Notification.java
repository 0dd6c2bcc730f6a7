package io.trailwatch.processors.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param type         SNS's message type: {@value #NOTIFICATION}, or {@value #SUBSCRIPTION_CONFIRMATION} for the
 *                     request to confirm a new subscription
 * @param token        a confirmation's token; null for a notification
 */
public record Notification(String deliveryId, String messageId, String subscription, String topicArn,
                           String alarmName, String subject, String message, String timestamp, String type,
                           String token) {

    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Notification of(final String transitionId, final SubscriptionDefinition subscription,
                                  final String topicArn, final String alarmName, final String subject,
                                  final String message, final String timestamp) {
        final String deliveryId = transitionId + "/" + subscription.id();
        return new Notification(deliveryId,
            UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8)).toString(), subscription.name(),
            topicArn, alarmName, subject, message, timestamp, NOTIFICATION, null);
    }

    /**
     * An event a rule matched, for a subscription of its SNS target: once per rule, event and subscription (two rules
     * that match the same event each deliver it, as two EventBridge targets do).
     */
    public static Notification ofEvent(final String ruleName, final String eventId,
                                       final SubscriptionDefinition subscription, final String topicArn,
                                       final String eventJson, final String timestamp) {
        final String deliveryId = "rule/" + ruleName + "/" + eventId + "/" + subscription.id();
        return new Notification(deliveryId,
            UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8)).toString(), subscription.name(),
            topicArn, null, null, eventJson, timestamp, NOTIFICATION, null);
    }

    /** The request to confirm a pending subscription, with its token; each request is delivered once. */
    public static Notification confirmation(final SubscriptionDefinition subscription, final String topicArn,
                                            final String timestamp) {
        final String messageId = UUID.randomUUID().toString();
        return new Notification("confirmation/" + subscription.id() + "/" + messageId, messageId,
            subscription.name(), topicArn, null, null, "You have chosen to subscribe to the topic " + topicArn
                + ".\nTo confirm the subscription, call ConfirmSubscription with this TopicArn and Token (aws sns "
                + "confirm-subscription --topic-arn " + topicArn + " --token <Token>), signed by a caller allowed "
                + "sns:ConfirmSubscription.", timestamp, SUBSCRIPTION_CONFIRMATION, subscription.confirmationToken());
    }

    @JsonIgnore
    public boolean isConfirmation() {
        return SUBSCRIPTION_CONFIRMATION.equals(type);
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
            if (notification.deliveryId() == null || notification.messageId() == null
                || notification.subscription() == null || notification.message() == null
                || notification.topicArn() == null
                || !NOTIFICATION.equals(notification.type()) && !notification.isConfirmation()
                || notification.isConfirmation() && notification.token() == null) {
                throw new IllegalArgumentException("deliveryId, messageId, subscription, topicArn, message and a "
                    + "type (" + NOTIFICATION + ", or " + SUBSCRIPTION_CONFIRMATION + " with its token) are required");
            }
            return notification;
        } catch (final IOException e) {
            throw new IllegalArgumentException("not a notification: " + e.getMessage(), e);
        }
    }
}
