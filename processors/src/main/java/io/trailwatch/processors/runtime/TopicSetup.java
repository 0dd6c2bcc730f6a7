package io.trailwatch.processors.runtime;

import io.trailwatch.schemas.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Trailwatch's topics where they are missing, with the partitions and configs their descriptors declare, and
 * returns once the broker serves every partition of the topics it created.
 *
 * <p>Why wait beyond the creation: a broker publishes a new topic's leader in its metadata a moment before the
 * partition is ready to take writes. A transactional producer (every stream thread here) that writes pipelined
 * batches in that moment gets NOT_LEADER_OR_FOLLOWER for the partition's first batch and then, for the batches
 * behind it, the transactions-v2 guard of KAFKA-18202 ("Expected sequence 0 for transactions v2 idempotent producer
 * with no existing state"), logged by the broker as an {@code OutOfOrderSequenceException}. Both are retriable and
 * the producer retries in order, so nothing is lost or doubled, but each such first transaction took 0.3 to 1 s
 * instead of 25 ms when measured here. Partitions that answer a ListOffsets request at their leader take writes.
 */
public final class TopicSetup {

    /** How long a new topic may take to be served; the broker's own request timeout is of the same order. */
    public static final Duration SERVED_TIMEOUT = Duration.ofSeconds(30);

    /** How often a partition that is not served yet is asked again: creation takes tens of milliseconds. */
    private static final Duration SERVED_POLL = Duration.ofMillis(20);

    private TopicSetup() {
    }

    /** Creates the missing topics; existing ones are left as they are. Returns the names created. */
    public static List<String> ensure(final Admin admin, final List<Topic<?, ?>> topics) {
        return ensure(admin, topics, TopicPolicy.BROKER_DEFAULTS);
    }

    /** As {@link #ensure(Admin, List)}, new topics with the policy's replication and min.insync.replicas. */
    public static List<String> ensure(final Admin admin, final List<Topic<?, ?>> topics, final TopicPolicy policy) {
        try {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = topics.stream()
                .filter(topic -> !existing.contains(topic.name()))
                .map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions()), policy.replication())
                    .configs(policy.configs(topic.configs())))
                .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            final List<String> created = missing.stream().map(NewTopic::name).toList();
            awaitServed(admin, created, SERVED_TIMEOUT);
            return created;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted creating topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot create topics: " + e.getMessage(), e);
        }
    }

    /**
     * Returns once every partition of the topics answers a ListOffsets request at its leader. The admin client gives
     * up on UNKNOWN_TOPIC_OR_PARTITION at once, which is what a partition still being created answers, so this asks
     * again every {@link #SERVED_POLL} until the timeout.
     */
    public static void awaitServed(final Admin admin, final Collection<String> topics, final Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    // Described again on each attempt: right after its creation a topic may be unknown here too.
                    final Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(topics).allTopicNames()
                        .get(remainingMs(deadline), TimeUnit.MILLISECONDS).values().stream()
                        .flatMap(description -> IntStream.range(0, description.partitions().size())
                            .mapToObj(partition -> new TopicPartition(description.name(), partition)))
                        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
                    admin.listOffsets(partitions).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                    return;
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(SERVED_POLL.toMillis());
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted waiting for topics " + topics + " to be served", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("topics " + topics + " not served by their leaders within " + timeout + ": "
                + e.getMessage(), e);
        }
    }

    /** What is left of the wait, so that retries together take no longer than the timeout given. */
    private static long remainingMs(final long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
