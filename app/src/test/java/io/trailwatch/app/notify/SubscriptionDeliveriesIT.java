package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.testkit.RecordingWebhook;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The delivering task stopped, then killed, in the middle of a batch and started again, on a real broker and a real
 * HTTP receiver that deduplicates nothing: no notification is lost, and the only ones sent twice are those in flight
 * when the process was killed, sent again with the same {@code Idempotency-Key}. Different subscriptions are
 * delivered in parallel, each in its order.
 */
class SubscriptionDeliveriesIT {

    private static final int NOTIFICATIONS = 20;
    /** Hundreds, in batches of at most 256 (the deliverer's max.poll.records at 32 requests at once). */
    private static final int MANY = 300;
    /** The request held at the kill: in the first batch, not at its end, so that offsets are uncommitted. */
    private static final int KILLED_AT = 137;
    /** At most this many requests are in flight at once (DeliverySettings.DEFAULTS.concurrency()). */
    private static final int IN_FLIGHT = 32;

    /**
     * One subscription's endpoint holds its first answer; another subscription's notifications, published after it in
     * the same partition, arrive all the same, and each endpoint gets its own in the order they were published.
     */
    @Test
    void aSlowEndpointDoesNotHoldBackOtherSubscriptionsAndEachKeepsItsOrder() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        final Topic<String, String> topic = TestDeliverer.notificationsTopic(infrastructure);
        final KafkaAccess kafka = KafkaAccess.plaintext(infrastructure.bootstrapServers());
        try (HoldingReceiver slow = new HoldingReceiver(1); RecordingWebhook fast = new RecordingWebhook()) {
            final SubscriptionDefinition held = TestDeliverer.subscription(UUID.randomUUID().toString(),
                slow.url("/slow"));
            final SubscriptionDefinition free = TestDeliverer.subscription(UUID.randomUUID().toString(),
                fast.url("/fast"));
            final List<String> toHeld = TestDeliverer.publish(infrastructure, topic, held, 5);
            final List<String> toFree = TestDeliverer.publish(infrastructure, topic, free, NOTIFICATIONS);
            try (SubscriptionDeliveries deliveries = TestDeliverer.start(kafka, infrastructure.serdeContext(),
                topic.name(), UniqueNames.of("parallel-deliveries"), held, free)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fast.requests("/fast").size()
                    >= NOTIFICATIONS);
                assertThat(distinctKeys(slow)).as("the slow endpoint's first answer is still held")
                    .containsExactly(toHeld.get(0));
                assertThat(fast.requests("/fast")).extracting(RecordingWebhook.Request::idempotencyKey)
                    .as("in published order").containsExactlyElementsOf(toFree);
                slow.release();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> slow.arrivals().size() >= 5);
                assertThat(distinctKeys(slow)).as("in published order").containsExactlyElementsOf(toHeld);
            }
        }
    }

    @Test
    void aStopMidBatchNeitherLosesNorRepeatsADelivery() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        final Topic<String, String> topic = TestDeliverer.notificationsTopic(infrastructure);
        final String group = UniqueNames.of("deliveries");
        final KafkaAccess kafka = KafkaAccess.plaintext(infrastructure.bootstrapServers());
        try (RecordingWebhook receiver = new RecordingWebhook().delayEach(Duration.ofMillis(100))) {
            final SubscriptionDefinition subscription = TestDeliverer.subscription(UUID.randomUUID().toString(),
                receiver.url("/hook"));
            TestDeliverer.publish(infrastructure, topic, subscription, NOTIFICATIONS);

            final SubscriptionDeliveries first = TestDeliverer.start(kafka, infrastructure.serdeContext(),
                topic.name(), group, subscription);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/hook").size() >= 5);
            first.close();
            final int beforeTheStop = receiver.requests("/hook").size();
            assertThat(beforeTheStop).as("stopped mid-batch").isLessThan(NOTIFICATIONS);

            try (SubscriptionDeliveries second = TestDeliverer.start(kafka, infrastructure.serdeContext(),
                topic.name(), group, subscription)) {
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

    /**
     * SIGKILL of the delivering process while it waits for the receiver's answer to one request, mid-batch: every
     * delivery whose record Kafka acknowledged before the kill is skipped by the restarted deliverer although its
     * offset was never committed; the one held has no verdict, so it is sent again, with the same key and body. Records
     * are written without waiting for each acknowledgement, so a request answered just before the kill may also come
     * again: only requests that were in flight (at most {@link #IN_FLIGHT} back) repeat, each with its key and body.
     * The receiver deduplicates nothing, so it sees the repeats: a receiver must deduplicate on the key, as with SNS.
     */
    @Test
    void aKillMidBatchLosesNothingAndRepeatsOnlyRequestsInFlightWithTheirKeys() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        final Topic<String, String> topic = TestDeliverer.notificationsTopic(infrastructure);
        final String group = UniqueNames.of("killed-deliveries");
        try (HoldingReceiver receiver = new HoldingReceiver(KILLED_AT)) {
            final SubscriptionDefinition subscription = TestDeliverer.subscription(UUID.randomUUID().toString(),
                receiver.url("/hook"));
            final List<String> published = TestDeliverer.publish(infrastructure, topic, subscription, MANY);

            final Process first = deliverer(infrastructure, topic, group, subscription, "killed");
            try {
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(receiver::holding);
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no commit
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            } finally {
                first.destroyForcibly();
            }
            receiver.release();
            final String inFlight = receiver.arrivals().get(KILLED_AT - 1).idempotencyKey();
            assertThat(receiver.arrivals()).hasSize(KILLED_AT);

            final List<String> mayRepeat = receiver.arrivals().subList(Math.max(0, KILLED_AT - IN_FLIGHT), KILLED_AT)
                .stream().map(HoldingReceiver.Arrival::idempotencyKey).toList();

            final Process second = deliverer(infrastructure, topic, group, subscription, "restarted");
            try {
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> receiver.arrivals().stream()
                    .map(HoldingReceiver.Arrival::idempotencyKey).distinct().count() >= MANY);
                // and nothing more comes
                final int settled = receiver.arrivals().size();
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.arrivals().size() == settled);
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }

            final List<HoldingReceiver.Arrival> arrivals = receiver.arrivals();
            final Map<String, List<HoldingReceiver.Arrival>> perKey = arrivals.stream()
                .collect(Collectors.groupingBy(HoldingReceiver.Arrival::idempotencyKey));
            assertThat(perKey.keySet()).as("none lost").containsExactlyInAnyOrderElementsOf(published);
            assertThat(perKey.get(inFlight)).as("the held request came again").hasSize(2);
            assertThat(perKey).allSatisfy((key, requests) -> {
                assertThat(requests).as(key).hasSizeLessThanOrEqualTo(mayRepeat.contains(key) ? 2 : 1);
                assertThat(requests).as("a repeat has the same key and body").containsOnly(requests.get(0));
            });
            final long repeated = arrivals.size() - MANY;
            System.out.println("killed with request " + KILLED_AT + " of " + MANY + " held; after the restart "
                + repeated + " in flight came again, same key and body, then the rest once each");
        }
    }

    /** The keys in their first arrival's order (a request whose answer took too long is retried, same key). */
    private static List<String> distinctKeys(final HoldingReceiver receiver) {
        return receiver.arrivals().stream().map(HoldingReceiver.Arrival::idempotencyKey).distinct().toList();
    }

    /** The deliverer as a process of its own, on this JVM's class path, its console in target/. */
    private static Process deliverer(final TestInfrastructure infrastructure, final Topic<String, String> topic,
                                     final String group, final SubscriptionDefinition subscription,
                                     final String name) throws IOException {
        final Path console = Files.createDirectories(Path.of("target", "deliverers")).resolve(group + "-" + name
            + ".log");
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), TestDeliverer.class.getName(),
            infrastructure.bootstrapServers(), infrastructure.registryUrl(), topic.name(), group, subscription.id(),
            subscription.endpoint())
            .redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }
}
