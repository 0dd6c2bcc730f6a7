package io.trailwatch.app.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.notify.Notification;
import java.util.Map;

/**
 * A message as SNS POSTs it to an http or https subscription: the JSON envelope ({@code Type: Notification},
 * MessageId, TopicArn, Subject, Message, Timestamp; {@code SubscriptionConfirmation} with its Token) with SNS's
 * {@code x-amz-sns-*} headers, so that a receiver
 * written for SNS reads it unchanged. Trailwatch does not sign it (no Signature, SigningCertURL): receivers
 * authenticate it by the subscription URL's credentials and the {@code Idempotency-Key} header dedupes retries.
 */
final class SnsEnvelope {

    private SnsEnvelope() {
    }

    static String body(final Notification notification) {
        final ObjectNode envelope = Definitions.MAPPER.createObjectNode()
            .put("Type", notification.type())
            .put("MessageId", notification.messageId());
        if (notification.isConfirmation()) {
            // No SubscribeURL: every call to Trailwatch is signed, so the endpoint's owner confirms with
            // ConfirmSubscription (TopicArn and this Token) rather than by an anonymous GET.
            envelope.put("Token", notification.token());
        }
        envelope.put("TopicArn", notification.topicArn());
        if (notification.subject() != null) {
            envelope.put("Subject", notification.subject());
        }
        return envelope.put("Message", notification.message())
            .put("Timestamp", notification.timestamp()).toString();
    }

    static Map<String, String> headers(final Notification notification, final String subscriptionArn) {
        return Map.of(
            // SNS sends its JSON envelope as text/plain.
            "Content-Type", "text/plain; charset=UTF-8",
            "x-amz-sns-message-type", notification.type(),
            "x-amz-sns-message-id", notification.messageId(),
            "x-amz-sns-topic-arn", notification.topicArn(),
            "x-amz-sns-subscription-arn", subscriptionArn);
    }
}
