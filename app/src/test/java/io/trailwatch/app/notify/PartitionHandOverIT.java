package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.sinks.notify.DeliveredTransitions;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A partition taken from a deliverer while one subscription on it still retries, on the real broker: its committed
 * offset cannot move past that subscription's message, so the next owner reads again the deliveries made after it and
 * must find them in the delivered set. The old owner's writes of that set are held back in its producer (a minute's
 * linger here, milliseconds by default: a window a rebalance can fall into), so only a write at the hand-over itself
 * makes them visible.
 */
class PartitionHandOverIT {

    private static final TopicPartition PARTITION = new TopicPartition("notifications", 0);
    private static final long FAILING = 0;
    private static final long HEALTHY = 1;

    private final TestInfrastructure infrastructure = TestInfrastructure.get();

    @Test
    void aPartitionTakenAwayWhileASubscriptionRetriesLeavesItsNextOwnerEveryDeliveryMadeAfterIt() {
        final String deliveredTopic = UniqueNames.of("notifications-delivered");
        final PartitionProgress progress = new PartitionProgress();
        final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
        try (DeliveredTransitions owner = new DeliveredTransitions(infrastructure.bootstrapServers(), Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 60_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
            deliveredTopic, "subscriptions")) {
            // the failing subscription's message is retried, so the partition is committed up to it and no further
            progress.started(PARTITION, FAILING);
            progress.committed(Map.of(PARTITION, new OffsetAndMetadata(FAILING)));
            progress.started(PARTITION, HEALTHY);
            owner.recordUnacknowledged("healthy-delivery", "delivered");
            progress.finished(PARTITION, HEALTHY);
            // as the deliverer commits, with the consumer read up to the healthy message
            final PartitionHandOver handOver = new PartitionHandOver(() -> true, partitions -> { }, owner::flush,
                () -> progress.commit(partition -> HEALTHY + 1, owner::flush, commits::add), progress::forget,
                owner::reload);

            handOver.onPartitionsRevoked(List.of(PARTITION));

            assertThat(commits).as("the retried message holds the committed offset back").isEmpty();
            try (DeliveredTransitions nextOwner = new DeliveredTransitions(infrastructure.bootstrapServers(),
                Map.of(), deliveredTopic, "subscriptions")) {
                assertThat(nextOwner.handled("healthy-delivery"))
                    .as("the next owner reads the healthy delivery again and must skip it").isTrue();
            }
        }
    }
}
