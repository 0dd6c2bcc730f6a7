package io.trailwatch.app.notify;

import io.trailwatch.app.events.ApiDestinationInvoker;
import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.SmtpSettings;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

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
        return new SubscriptionDeliveries(kafka, serdes, topic, group,
            name -> Arrays.stream(subscriptions).filter(known -> known.name().equals(name)).findFirst(),
            new NotificationTopicArns(ACCOUNT, "us-east-1"), DeliverySettings.DEFAULTS,
            new SmtpSettings("", 25, "trailwatch@localhost", "", null, true), "http://127.0.0.1:9/v2/enqueue",
            (client, sleeper) -> new ApiDestinationInvoker(name -> Optional.empty(), name -> Optional.empty(), client,
                DeliverySettings.DEFAULTS, sleeper, Clock.systemUTC()));
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
}
