package io.trailwatch.app.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.notify.Notification;
import java.util.Map;

/**
 * A notification as SNS POSTs it to an http or https subscription: the JSON envelope ({@code Type: Notification},
 * MessageId, TopicArn, Subject, Message, Timestamp) with SNS's {@code x-amz-sns-*} headers, so that a receiver
 * written for SNS reads it unchanged. Trailwatch does not sign it (no Signature, SigningCertURL): receivers
 * authenticate it by the subscription URL's credentials and the {@code Idempotency-Key} header dedupes retries.
 */
final class SnsEnvelope {

    private SnsEnvelope() {
    }

    static String body(final Notification notification) {
        final ObjectNode envelope = Definitions.MAPPER.createObjectNode()
            .put("Type", "Notification")
            .put("MessageId", notification.messageId())
            .put("TopicArn", notification.topicArn())
            .put("Subject", notification.subject())
            .put("Message", notification.message())
            .put("Timestamp", notification.timestamp());
        return envelope.toString();
    }

    static Map<String, String> headers(final Notification notification, final String subscriptionArn) {
        return Map.of(
            // SNS sends its JSON envelope as text/plain.
            "Content-Type", "text/plain; charset=UTF-8",
            "x-amz-sns-message-type", "Notification",
            "x-amz-sns-message-id", notification.messageId(),
            "x-amz-sns-topic-arn", notification.topicArn(),
            "x-amz-sns-subscription-arn", subscriptionArn);
    }
}
