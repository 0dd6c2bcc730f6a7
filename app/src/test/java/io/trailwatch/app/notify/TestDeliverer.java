package io.trailwatch.app.notify;

import io.trailwatch.app.events.ApiDestinationInvoker;
import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.SmtpSettings;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;
import io.trailwatch.processors.notify.Notification;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The subscription deliverer as an instance runs it, on one topic and consumer group of a test's own, delivering
 * to its http subscriptions. {@link #main} runs it as a process of its own, so that a test can SIGKILL it.
 */
final class TestDeliverer {

    static final String ACCOUNT = "000000000000";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:" + ACCOUNT + ":db-oncall";

    private TestDeliverer() {
    }

    /** The subscription a test's notifications are for. */
    static SubscriptionDefinition subscription(final String id, final String endpoint) {
        return new SubscriptionDefinition("db-oncall", id, "http", endpoint, 0L, false, null);
    }

    static SubscriptionDeliveries start(final KafkaAccess kafka, final SerdeContext serdes, final String topic,
                                        final String group, final SubscriptionDefinition... subscriptions) {
        return start(kafka, serdes, topic, group, DeliverySettings.DEFAULTS, subscriptions);
    }

    static SubscriptionDeliveries start(final KafkaAccess kafka, final SerdeContext serdes, final String topic,
                                        final String group, final DeliverySettings settings,
                                        final SubscriptionDefinition... subscriptions) {
        return new SubscriptionDeliveries(kafka, serdes, topic, group,
            name -> Arrays.stream(subscriptions).filter(known -> known.name().equals(name)).findFirst(),
            new NotificationTopicArns(ACCOUNT, "us-east-1"), settings,
            new SmtpSettings("", 25, "trailwatch@localhost", "", null, true), "http://127.0.0.1:9/v2/enqueue",
            (client, sleeper) -> new ApiDestinationInvoker(name -> Optional.empty(), name -> Optional.empty(), client,
                settings, sleeper, Clock.systemUTC()));
    }

    /**
     * Arguments: bootstrap servers, registry URL, topic, consumer group, subscription id, endpoint. Delivers until
     * killed.
     */
    public static void main(final String[] args) throws InterruptedException {
        // A killed member's partitions go to the next one after its session ends: 6 s (the broker's minimum) rather
        // than the client's default 45 s keeps the test short. Passed with the client settings every client gets.
        final KafkaAccess kafka = new KafkaAccess(args[0], Map.of("session.timeout.ms", "6000",
            "heartbeat.interval.ms", "1000"));
        start(kafka, SerdeContext.forRegistry(args[1]), args[2], args[3], subscription(args[4], args[5]));
        System.out.println("delivering");
        new CountDownLatch(1).await();
    }

    /** A notifications topic of the test's own, one partition: every subscription's messages share it. */
    static Topic<String, String> notificationsTopic(final TestInfrastructure infrastructure) {
        final Topic<String, String> topic = new Topic<>(UniqueNames.of("notifications"), Topics.NOTIFICATIONS.key(),
            Topics.NOTIFICATIONS.value(), 1, Map.of());
        TopicSetup.ensure(infrastructure.adminClient(), List.of(topic));
        return topic;
    }

    /** Publishes this many notifications for the subscription, as alarm actions do; returns their delivery ids. */
    static List<String> publish(final TestInfrastructure infrastructure, final Topic<String, String> topic,
                                final SubscriptionDefinition subscription, final int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()),
            topic.keySerde(infrastructure.serdeContext()).serializer(),
            topic.valueSerde(infrastructure.serdeContext()).serializer())) {
            final List<Notification> notifications = IntStream.range(0, count).mapToObj(i -> Notification.of(
                UUID.randomUUID().toString(), subscription, TestDeliverer.TOPIC_ARN, "Alarm" + i,
                "ALARM: \"Alarm" + i + "\"", "{}", "2026-12-07T00:00:00Z")).toList();
            notifications.forEach(notification -> producer.send(new ProducerRecord<>(topic.name(),
                subscription.name(), notification.toJson())));
            producer.flush();
            return notifications.stream().map(Notification::deliveryId).toList();
        }
    }
}
