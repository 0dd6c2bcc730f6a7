package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One subscription's endpoint hangs, then fails, for far longer than the consumer's poll interval, with more
 * messages waiting than a lane holds, on the same partition as a healthy subscription; on a real broker and real HTTP
 * endpoints that deduplicate nothing. The healthy subscription is delivered promptly throughout, the consumer stays
 * in its group and commits, and the failing one gets every message once it recovers, once each and in order (or
 * they are dead-lettered under the retry policy).
 */
class FailingSubscriptionIT {

    /** More than a lane holds in memory: the rest are read again from the partition. */
    private static final int BACKLOG = 3 * SubscriptionDeliveries.LANE_LIMIT + 5;
    private static final int HEALTHY = 20;
    /** The consumer must poll at least this often, or it is put out of its group and cannot commit. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(4);
    /** Retries that outlast the outage: nothing is dead-lettered. */
    private static final DeliverySettings PATIENT = new DeliverySettings(10_000, Duration.ofMillis(100),
        Duration.ofMillis(500), Duration.ofSeconds(1), DeliverySettings.DEFAULTS.concurrency());
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    /** One partition: both subscriptions' messages are on it. */
    private final Topic<String, String> topic = TestDeliverer.notificationsTopic(infrastructure);
    private OutageReceiver receiver;
    private SubscriptionDefinition failing;
    private SubscriptionDefinition healthy;

    @BeforeEach
    void endpoints() throws IOException {
        receiver = new OutageReceiver();
        failing = TestDeliverer.subscription(UUID.randomUUID().toString(), receiver.url("/failing"));
        healthy = TestDeliverer.subscription(UUID.randomUUID().toString(), receiver.url("/healthy"));
    }

    @AfterEach
    void closeEndpoints() {
        receiver.close();
    }

    @Test
    void aFailingSubscriptionHoldsNeitherTheOthersNorThePollAndGetsEverythingOnceWhenItRecovers() throws Exception {
        final String group = UniqueNames.of("failing-lane");
        receiver.answer("/failing", OutageReceiver.Answer.HANG);
        final List<String> toFailing = new ArrayList<>(publish(failing, BACKLOG));
        final List<String> toHealthy = new ArrayList<>(publish(healthy, HEALTHY));
        try (SubscriptionDeliveries deliveries = start(group, PATIENT)) {
            awaitHealthyServedAndFailingTried(toHealthy);

            // the endpoint now refuses, for longer than the poll interval: the healthy one is still served
            receiver.answer("/failing", OutageReceiver.Answer.FAIL);
            final Instant outageFrom = Instant.now();
            toFailing.addAll(publish(failing, 5));
            long slowest = 0;
            for (int round = 0; round < 3; round++) {
                final Instant published = Instant.now();
                toHealthy.addAll(publish(healthy, HEALTHY / 2));
                awaitAccepted(receiver, "/healthy", toHealthy);
                slowest = Math.max(slowest, lastArrival(receiver, "/healthy").toEpochMilli()
                    - published.toEpochMilli());
            }
            Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Duration.between(outageFrom, Instant.now()).compareTo(POLL_INTERVAL.multipliedBy(2))
                    > 0);
            assertThat(receiver.accepted("/failing")).as("nothing taken while failing").isEmpty();
            final int attempts = receiver.arrivals("/failing").size();
            final List<String> waitingKeys = receiver.arrivals("/failing").stream()
                .map(OutageReceiver.Arrival::idempotencyKey).distinct().toList();
            assertThat(waitingKeys).as("retried, in order: only the first is tried")
                .containsExactly(toFailing.get(0));

            receiver.answer("/failing", OutageReceiver.Answer.OK);
            awaitAccepted(receiver, "/failing", toFailing);
            assertThat(receiver.accepted("/healthy")).as("each once, in order").containsExactlyElementsOf(
                toHealthy);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committed(infrastructure, group, topic)
                == toFailing.size() + toHealthy.size());
            System.out.println("failing endpoint: " + attempts + " attempts of its first message over "
                + Duration.between(outageFrom, Instant.now()).toSeconds() + " s (poll interval "
                + POLL_INTERVAL.toSeconds() + " s); healthy endpoint's messages arrived within " + slowest
                + " ms of publishing; after recovery " + toFailing.size() + " delivered once each, in order");
        }
    }

    /**
     * A second instance joins the group while the failing subscription's first message waits out a retry: the
     * partition is taken from the first instance (its retry ends with no verdict, what is done is committed) and
     * given to one of the two, which goes on; after the recovery every message has been accepted once, in order.
     */
    @Test
    void aRebalanceWhileALaneRetriesNeitherLosesNorDoublesADelivery() throws Exception {
        final String group = UniqueNames.of("rebalanced-lane");
        receiver.answer("/failing", OutageReceiver.Answer.FAIL);
        final List<String> toFailing = publish(failing, BACKLOG);
        final List<String> toHealthy = new ArrayList<>(publish(healthy, HEALTHY));
        try (SubscriptionDeliveries first = start(group, PATIENT)) {
            awaitHealthyServedAndFailingTried(toHealthy);
            try (SubscriptionDeliveries second = start(group, PATIENT)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> members(infrastructure, group)
                    == 2);
                toHealthy.addAll(publish(healthy, HEALTHY));
                awaitAccepted(receiver, "/healthy", toHealthy);
                receiver.answer("/failing", OutageReceiver.Answer.OK);
                awaitAccepted(receiver, "/failing", toFailing);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committed(infrastructure, group,
                    topic) == toFailing.size() + toHealthy.size());
            }
        }
    }

    /**
     * Retries that end: each of the failing subscription's messages is dead-lettered with its reason, in order,
     * while the healthy one is delivered.
     */
    @Test
    void whatStillFailsIsDeadLetteredWhileTheOthersAreDelivered() throws Exception {
        final DeliverySettings threeAttempts = new DeliverySettings(3, Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofSeconds(1), DeliverySettings.DEFAULTS.concurrency());
        receiver.answer("/failing", OutageReceiver.Answer.FAIL);
        final List<String> toFailing = publish(failing, SubscriptionDeliveries.LANE_LIMIT + 8);
        final List<String> toHealthy = publish(healthy, HEALTHY);
        try (SubscriptionDeliveries deliveries = start(UniqueNames.of("dead-lettering-lane"), threeAttempts)) {
            awaitAccepted(receiver, "/healthy", toHealthy);
            final List<ConsumerRecord<String, String>> letters = deadLetters(infrastructure, failing.name(),
                toFailing.size());
            for (int i = 0; i < toFailing.size(); i++) {
                assertThat(letters.get(i).value()).as("dead letter " + i + ", in published order")
                    .contains(toFailing.get(i));
            }
            assertThat(letters).allSatisfy(letter -> assertThat(new String(letter.headers().lastHeader(
                SubscriptionDeliveries.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .contains("HTTP 503").contains("after 3 attempts"));
            assertThat(receiver.arrivals("/failing")).as("three attempts each").hasSize(3 * toFailing.size());
            assertThat(receiver.accepted("/healthy")).containsExactlyElementsOf(toHealthy);
        }
    }

    /**
     * More failing subscriptions than the deliverer has threads (2): between their attempts they hold none, so a
     * healthy subscription published after they all started failing is delivered at once, not after their retries.
     */
    @Test
    void moreFailingSubscriptionsThanThreadsStillLeaveTheHealthyOneServed() throws Exception {
        final DeliverySettings twoThreads = new DeliverySettings(10_000, Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 2);
        final List<SubscriptionDefinition> subscriptions = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            receiver.answer("/failing" + n, OutageReceiver.Answer.FAIL);
            subscriptions.add(TestDeliverer.subscription(UUID.randomUUID().toString(), receiver.url("/failing" + n)));
            publish(subscriptions.get(n), 1);
        }
        subscriptions.add(healthy);
        try (SubscriptionDeliveries deliveries = TestDeliverer.start(withPollInterval(infrastructure),
            infrastructure.serdeContext(), topic.name(), UniqueNames.of("failing-lanes"), twoThreads,
            subscriptions.toArray(SubscriptionDefinition[]::new))) {
            Awaitility.await().atMost(PROMPTLY).until(() -> receiver.arrivals("/failing0").size() >= 2
                && receiver.arrivals("/failing1").size() >= 2 && receiver.arrivals("/failing2").size() >= 2);
            final Instant published = Instant.now();
            final List<String> toHealthy = publish(healthy, HEALTHY);
            Awaitility.await().atMost(PROMPTLY).until(() -> receiver.accepted("/healthy").size() >= HEALTHY);
            assertThat(receiver.accepted("/healthy")).as("each once, in order").containsExactlyElementsOf(toHealthy);
            final long within = lastArrival(receiver, "/healthy").toEpochMilli() - published.toEpochMilli();
            assertThat(receiver.accepted("/failing0")).as("still failing").isEmpty();
            System.out.println("3 failing subscriptions on 2 delivery threads: the healthy one's " + HEALTHY
                + " messages arrived within " + within + " ms of publishing");
        }
    }

    private List<String> publish(final SubscriptionDefinition subscription, final int count) {
        return TestDeliverer.publish(infrastructure, topic, subscription, count);
    }

    private SubscriptionDeliveries start(final String group, final DeliverySettings settings) {
        return TestDeliverer.start(withPollInterval(infrastructure), infrastructure.serdeContext(), topic.name(), group,
            settings, failing, healthy);
    }

    private void awaitHealthyServedAndFailingTried(final List<String> toHealthy) {
        awaitAccepted(receiver, "/healthy", toHealthy);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.arrivals("/failing").size() >= 3);
    }

    /** The test's broker, with a short poll interval for every client the deliverer makes. */
    private static KafkaAccess withPollInterval(final TestInfrastructure infrastructure) {
        return new KafkaAccess(infrastructure.bootstrapServers(), Map.of(
            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(POLL_INTERVAL.toMillis())));
    }

    private static void awaitAccepted(final OutageReceiver receiver, final String path, final List<String> keys) {
        Awaitility.await().atMost(PROMPTLY.multipliedBy(6)).until(() -> receiver.accepted(path).size()
            >= keys.size());
        assertThat(receiver.accepted(path)).as(path + ": each once, in published order")
            .containsExactlyElementsOf(keys);
    }

    private static Instant lastArrival(final OutageReceiver receiver, final String path) {
        final List<OutageReceiver.Arrival> arrivals = receiver.arrivals(path);
        return arrivals.get(arrivals.size() - 1).at();
    }

    private static int members(final TestInfrastructure infrastructure, final String group) throws Exception {
        return infrastructure.adminClient().describeConsumerGroups(List.of(group)).describedGroups().get(group)
            .get(30, TimeUnit.SECONDS).members().size();
    }

    /** The group's committed offset on the topic's one partition. */
    private static long committed(final TestInfrastructure infrastructure, final String group,
                                  final Topic<String, String> topic) throws Exception {
        final OffsetAndMetadata offset = infrastructure.adminClient().listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(new TopicPartition(topic.name(), 0));
        return offset == null ? -1 : offset.offset();
    }

    /** The dead letters keyed by this subscription, in order, once there are this many. */
    private static List<ConsumerRecord<String, String>> deadLetters(final TestInfrastructure infrastructure,
                                                                    final String key, final int count) {
        return keyed(infrastructure.consumeUntil(Topics.NOTIFICATIONS_DEADLETTER, records -> keyed(records, key).size()
            >= count, Duration.ofSeconds(120)), key);
    }

    private static List<ConsumerRecord<String, String>> keyed(final List<ConsumerRecord<String, String>> records,
                                                               final String key) {
        return records.stream().filter(letter -> key.equals(letter.key())).toList();
    }
}
