package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.notify.Notification;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.SmtpSettings;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.testkit.RecordingWebhook;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The delivering task stopped in the middle of a batch (as a crash stops it: the batch's offsets uncommitted) and
 * started again, on a real broker and a real HTTP receiver: every notification reaches the endpoint once, none lost,
 * none repeated.
 */
class SubscriptionDeliveriesIT {

    private static final int NOTIFICATIONS = 20;

    @Test
    void aStopMidBatchNeitherLosesNorRepeatsADelivery() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        final Topic<String, String> topic = new Topic<>(UniqueNames.of("notifications"), Topics.NOTIFICATIONS.key(),
            Topics.NOTIFICATIONS.value(), 1, Map.of());
        TopicSetup.ensure(infrastructure.adminClient(), List.of(topic));
        final String group = UniqueNames.of("deliveries");
        try (RecordingWebhook receiver = new RecordingWebhook().delayEach(Duration.ofMillis(100))) {
            final SubscriptionDefinition subscription = new SubscriptionDefinition("db-oncall",
                UUID.randomUUID().toString(), "http", receiver.url("/hook"), 0L, false, null);
            final Function<String, Optional<SubscriptionDefinition>> subscriptions = name ->
                Optional.of(subscription).filter(known -> known.name().equals(name));
            publish(infrastructure, topic, subscription);

            final SubscriptionDeliveries first = deliveries(infrastructure, topic, group, subscriptions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/hook").size() >= 5);
            first.close();
            final int beforeTheStop = receiver.requests("/hook").size();
            assertThat(beforeTheStop).as("stopped mid-batch").isLessThan(NOTIFICATIONS);

            try (SubscriptionDeliveries second = deliveries(infrastructure, topic, group, subscriptions)) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> receiver.requests("/hook").size() >= NOTIFICATIONS);
                // and nothing more comes
                Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.requests("/hook").size() == NOTIFICATIONS);
            }
            final Map<String, Long> perKey = receiver.requests("/hook").stream().collect(Collectors.groupingBy(
                RecordingWebhook.Request::idempotencyKey, Collectors.counting()));
            assertThat(perKey).hasSize(NOTIFICATIONS).allSatisfy((key, count) -> assertThat(count).as(key)
                .isEqualTo(1L));
            System.out.println("stopped after " + beforeTheStop + " of " + NOTIFICATIONS + " deliveries; the rest "
                + "delivered once after the restart");
        }
    }

    private static void publish(final TestInfrastructure infrastructure, final Topic<String, String> topic,
                                final SubscriptionDefinition subscription) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()),
            topic.keySerde(infrastructure.serdeContext()).serializer(),
            topic.valueSerde(infrastructure.serdeContext()).serializer())) {
            IntStream.range(0, NOTIFICATIONS).forEach(i -> producer.send(new ProducerRecord<>(topic.name(),
                subscription.name(), Notification.of(UUID.randomUUID().toString(), subscription,
                    "arn:aws:sns:us-east-1:000000000000:db-oncall", "Alarm" + i, "ALARM: \"Alarm" + i + "\"", "{}",
                    "2026-12-07T00:00:00Z").toJson())));
            producer.flush();
        }
    }

    private static SubscriptionDeliveries deliveries(final TestInfrastructure infrastructure,
                                                     final Topic<String, String> topic, final String group,
                                                     final Function<String, Optional<SubscriptionDefinition>> known) {
        return new SubscriptionDeliveries(KafkaAccess.plaintext(infrastructure.bootstrapServers()),
            infrastructure.serdeContext(), topic.name(), group, known,
            new NotificationTopicArns("000000000000", "us-east-1"), DeliverySettings.DEFAULTS,
            new SmtpSettings("", 25, "trailwatch@localhost", "", null, true), "http://127.0.0.1:9/v2/enqueue",
            (client, sleeper) -> new io.trailwatch.app.events.ApiDestinationInvoker(name -> Optional.empty(),
                name -> Optional.empty(), client, DeliverySettings.DEFAULTS, sleeper, java.time.Clock.systemUTC()));
    }
}
