package io.trailwatch.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs a topology over a topic that is already full and measures records per second from the moment the stream
 * threads run until the application's committed offsets reach the end of the topic (so only processed and
 * committed records count, with exactly-once commits included).
 */
final class StreamsThroughput {

    /** Records consumed, and the seconds they took. */
    record Result(long records, double seconds) {
        double perSecond() {
            return records / seconds;
        }
    }

    private final Admin admin;

    StreamsThroughput(final Admin admin) {
        this.admin = admin;
    }

    Result run(final Topology topology, final Properties props, final String inputTopic) throws Exception {
        return run(topology, props, inputTopic, streams -> { });
    }

    /** What a benchmark does with the application once it has consumed everything, before it is closed. */
    interface AfterConsumed {
        void accept(KafkaStreams streams) throws Exception;
    }

    /** As {@link #run(Topology, Properties, String)}, then {@code after} with the application still running. */
    Result run(final Topology topology, final Properties props, final String inputTopic, final AfterConsumed after)
        throws Exception {
        final String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        final Map<TopicPartition, Long> end = endOffsets(inputTopic);
        final long records = end.values().stream().mapToLong(Long::longValue).sum();
        final CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setStateListener((next, previous) -> {
                if (next == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(applicationId + " did not start: " + streams.state());
            }
            final long begin = System.nanoTime();
            final long deadline = begin + TimeUnit.MINUTES.toNanos(10);
            while (!consumedAll(applicationId, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(applicationId + " did not consume " + inputTopic + " in 10 minutes");
                }
                Thread.sleep(50);
            }
            final double seconds = (System.nanoTime() - begin) / 1e9;
            after.accept(streams);
            streams.close(Duration.ofSeconds(30));
            return new Result(records, seconds);
        }
    }

    private Map<TopicPartition, Long> endOffsets(final String topic) throws Exception {
        final List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
            .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        final ListOffsetsResult offsets = admin.listOffsets(partitions.stream()
            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())));
        return partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> {
            try {
                return offsets.partitionResult(partition).get().offset();
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private boolean consumedAll(final String groupId, final Map<TopicPartition, Long> end) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata().get();
        // Under exactly-once, a committed offset may sit one past the last record (the transaction marker).
        return end.entrySet().stream().allMatch(partition -> {
            final OffsetAndMetadata offset = committed.get(partition.getKey());
            return partition.getValue() == 0 || offset != null && offset.offset() >= partition.getValue();
        });
    }
}
