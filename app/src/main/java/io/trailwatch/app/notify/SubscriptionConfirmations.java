package io.trailwatch.app.notify;

import io.trailwatch.app.aws.TopicWriter;
import io.trailwatch.processors.notify.Notification;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Sends a pending subscription its SubscriptionConfirmation, as SNS does: through {@code trailwatch.notifications},
 * so that it is delivered like any message to the endpoint (retried, dead-lettered, once), by whichever instance
 * delivers that subscription.
 */
public final class SubscriptionConfirmations implements AutoCloseable {

    private final TopicWriter<String, String> notifications;
    private final NotificationTopicArns arns;
    private final Clock clock;

    public SubscriptionConfirmations(final KafkaAccess kafka, final SerdeContext serdes,
                                     final NotificationTopicArns arns, final Clock clock) {
        this.notifications = new TopicWriter<>(kafka, serdes, Topics.NOTIFICATIONS,
            "trailwatch-subscription-confirmations");
        this.arns = arns;
        this.clock = clock;
    }

    /** Returns once the confirmation request is on the topic. */
    public void send(final SubscriptionDefinition subscription) {
        final Notification confirmation = Notification.confirmation(subscription, arns.topic(subscription.topicName()),
            clock.instant().toString());
        notifications.write(List.of(Map.entry(subscription.name(), confirmation.toJson())));
    }

    @Override
    public void close() {
        notifications.close();
    }
}
