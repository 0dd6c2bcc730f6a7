package io.trailwatch.processors.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin client Kafka Streams creates its changelog and repartition topics with: it answers a creation only once
 * the broker serves the new partitions, for the reason {@link TopicSetup} gives (a stream thread writing to a
 * partition the broker has only just created meets NOT_LEADER_OR_FOLLOWER and the transactions-v2 sequence guard,
 * and its first transaction takes up to a second). Streams creates these topics while assigning tasks, before any
 * task writes, so waiting here keeps those retries from ever happening.
 */
final class ServedTopicsAdmin extends ForwardingAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(ServedTopicsAdmin.class);

    ServedTopicsAdmin(final Map<String, Object> config) {
        super(config);
    }

    @Override
    public CreateTopicsResult createTopics(final Collection<NewTopic> newTopics, final CreateTopicsOptions options) {
        final CreateTopicsResult result = super.createTopics(newTopics, options);
        if (!options.shouldValidateOnly()) {
            awaitServed(result);
        }
        return result;
    }

    /**
     * Streams registers its client metrics for KIP-714's push of client telemetry to the broker; ForwardingAdmin
     * refuses that with an exception logged at ERROR for each metric. Trailwatch subscribes to no client telemetry, so
     * there is nothing to push: the metrics stay readable from {@code KafkaStreams#metrics()} as before.
     */
    @Override
    public void registerMetricForSubscription(final KafkaMetric metric) {
    }

    @Override
    public void unregisterMetricFromSubscription(final KafkaMetric metric) {
    }

    /** Waits for the topics this call created; failures are Streams' to see in the result, as without the wait. */
    private void awaitServed(final CreateTopicsResult result) {
        final List<String> created = new ArrayList<>();
        for (final Map.Entry<String, KafkaFuture<Void>> topic : result.values().entrySet()) {
            try {
                topic.getValue().get(TopicSetup.SERVED_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.getKey());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (final ExecutionException | TimeoutException e) {
                LOG.debug("Topic {} not created here: {}", topic.getKey(), e.getMessage());
            }
        }
        try {
            TopicSetup.awaitServed(this, created, TopicSetup.SERVED_TIMEOUT);
        } catch (final KafkaException e) {
            // Only the first writes are slower then; the producer retries them in order.
            LOG.debug("New topics {} not yet served: {}", created, e.getMessage());
        }
    }
}
