package io.trailwatch.processors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.trailwatch.schemas.Codec;
import io.trailwatch.schemas.Topic;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The broker's {@code OutOfOrderSequenceException}s "Expected sequence 0 for transactions v2 idempotent producer with
 * no existing state" (issue 23): a transactional producer, as every stream thread is, writing pipelined batches to
 * a partition the broker has only just created. The first batch meets NOT_LEADER_OR_FOLLOWER, the batches behind it
 * meet the transactions-v2 guard of KAFKA-18202; both are retried in order. These tests show that nothing is lost,
 * doubled or reordered when it happens, and that topics created by {@link TopicSetup} or through Streams' admin client
 * ({@link ServedTopicsAdmin}) are served when their creation answers, so a producer's first transaction to them needs
 * no retry at all.
 */
class NewTopicFirstWritesIT {

    private static final int PARTITIONS = 6;
    private static final int RECORDS_PER_PARTITION = 500;

    private final TestInfrastructure infrastructure = TestInfrastructure.get();

    @Test
    void firstWritesToAJustCreatedTopicAreRetriedInOrderWithNothingLostOrDoubled() {
        final Topic<byte[], byte[]> topic = bytesTopic("first-writes-raw");

        final double retries = writeOneTransaction(topic, () -> createTopic(topic), true);

        assertThat(readCommitted(topic)).as("every record once, in order, in each partition").isEqualTo(expected());
        // The race is the broker's: when it wins, there is nothing to retry, and nothing to show here.
        assumeThat(retries).as("retries when writing before the partitions are served").isPositive();
    }

    @Test
    void topicsCreatedByTopicSetupTakeTheirFirstTransactionWithoutARetry() {
        final Topic<byte[], byte[]> topic = bytesTopic("first-writes-setup");

        final double retries = writeOneTransaction(topic,
            () -> TopicSetup.ensure(infrastructure.adminClient(), List.of(topic)), false);

        assertThat(retries).as("record retries of the first transaction").isZero();
        assertThat(readCommitted(topic)).isEqualTo(expected());
    }

    @Test
    void topicsCreatedThroughStreamsAdminClientAreServedWhenTheCreationAnswers() {
        final Topic<byte[], byte[]> topic = bytesTopic("first-writes-streams-admin");

        final double retries;
        try (ServedTopicsAdmin admin = new ServedTopicsAdmin(new HashMap<>(infrastructure.clientConfig()))) {
            retries = writeOneTransaction(topic, () -> {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), PARTITIONS, (short) 1))).all().get();
                } catch (final InterruptedException | ExecutionException e) {
                    throw new IllegalStateException("cannot create " + topic.name(), e);
                }
            }, false);
        }

        assertThat(retries).as("record retries of the first transaction").isZero();
        assertThat(readCommitted(topic)).isEqualTo(expected());
    }

    @Test
    void aStreamsApplicationsFirstTransactionsOnItsNewTopicsLoseDoubleAndReorderNothing() {
        final Topic<byte[], byte[]> input = bytesTopic("first-writes-input");
        TopicSetup.ensure(infrastructure.adminClient(), List.of(input));
        infrastructure.sendAll(IntStream.range(0, PARTITIONS * RECORDS_PER_PARTITION)
            .mapToObj(i -> new ProducerRecord<>(input.name(), i % PARTITIONS, key(i % 50), value(i, new byte[0])))
            .toList());
        final String output = UniqueNames.of("first-writes-counts");
        final StreamsBuilder builder = new StreamsBuilder();
        // A repartition (new key) and a count (a changelog): both topics are Streams' to create at the start.
        builder.stream(input.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
            .groupBy((key, value) -> key(ByteBuffer.wrap(value).getInt() % 7), Grouped.with("by-residue",
                Serdes.ByteArray(), Serdes.ByteArray()))
            .count(Materialized.as("residue-counts"))
            .toStream().to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()));
        final Properties config = infrastructure.streamsConfig(UniqueNames.applicationId("first-writes"));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 1024);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config, new ServedTopicsClientSupplier())) {
            streams.start();
            final List<ConsumerRecord<byte[], Long>> updates = infrastructure.consumeUntil(output,
                new ByteArrayDeserializer(), new LongDeserializer(),
                read -> total(read) >= PARTITIONS * RECORDS_PER_PARTITION, Duration.ofSeconds(120));
            // Retries may still happen here: a thread's first batch to a partition right after its previous commit
            // meets CONCURRENT_TRANSACTIONS while that transaction completes, and the batches behind it the guard.
            assertThat(total(updates)).as("counted once each").isEqualTo(PARTITIONS * RECORDS_PER_PARTITION);
        }
    }

    /** The sum of the latest count of each key: the records counted so far. */
    private static long total(final List<ConsumerRecord<byte[], Long>> updates) {
        final Map<String, Long> latest = new HashMap<>();
        updates.forEach(update -> latest.put(new String(update.key(), StandardCharsets.UTF_8), update.value()));
        return latest.values().stream().mapToLong(Long::longValue).sum();
    }

    private static byte[] key(final int residue) {
        return Integer.toString(residue).getBytes(StandardCharsets.UTF_8);
    }

    private static Topic<byte[], byte[]> bytesTopic(final String prefix) {
        return new Topic<>(UniqueNames.of(prefix), Codec.bytes(), Codec.bytes(), PARTITIONS, Map.of());
    }

    private void createTopic(final Topic<byte[], byte[]> topic) {
        try {
            infrastructure.adminClient().createTopics(List.of(new NewTopic(topic.name(), PARTITIONS, (short) 1)))
                .all().get();
        } catch (final InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create " + topic.name(), e);
        }
    }

    /**
     * One transaction of pipelined batches, as a stream thread commits them, by a producer that is ready before the
     * topic is created (as a stream thread is before Streams creates a changelog); returns its record retries.
     *
     * @param afterAnotherTransaction whether the producer first commits a transaction elsewhere, as a stream thread
     *                                has, which makes it quick to write once the topic is created
     */
    private double writeOneTransaction(final Topic<byte[], byte[]> topic, final Runnable createTopic,
                                       final boolean afterAnotherTransaction) {
        final Map<String, Object> config = new HashMap<>(infrastructure.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic.name() + "-" + UUID.randomUUID());
        // Small batches, so that several requests per partition are in flight at once, as under a burst.
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                 new ByteArraySerializer())) {
            producer.initTransactions();
            if (afterAnotherTransaction) {
                final Topic<byte[], byte[]> earlier = bytesTopic("first-writes-earlier");
                TopicSetup.ensure(infrastructure.adminClient(), List.of(earlier));
                writeTransaction(producer, earlier);
            }
            final double retriesBefore = recordRetries(producer);
            createTopic.run();
            writeTransaction(producer, topic);
            return recordRetries(producer) - retriesBefore;
        }
    }

    private static void writeTransaction(final KafkaProducer<byte[], byte[]> producer,
                                         final Topic<byte[], byte[]> topic) {
        producer.beginTransaction();
        for (int sequence = 0; sequence < RECORDS_PER_PARTITION; sequence++) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(topic.name(), partition, null, value(sequence, new byte[100])));
            }
        }
        producer.commitTransaction();
    }

    private static double recordRetries(final KafkaProducer<byte[], byte[]> producer) {
        return producer.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().group().equals("producer-metrics")
                && metric.getKey().name().equals("record-retry-total"))
            .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
            .sum();
    }

    private static byte[] value(final int sequence, final byte[] padding) {
        return ByteBuffer.allocate(Integer.BYTES + padding.length).putInt(sequence).put(padding).array();
    }

    /** What a read_committed consumer finds, to the end of each partition: the sequences, per partition. */
    private Map<Integer, List<Integer>> readCommitted(final Topic<byte[], byte[]> topic) {
        final List<ConsumerRecord<byte[], byte[]>> records = infrastructure.consumeToEnd(topic);
        final Map<Integer, List<Integer>> sequences = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            sequences.computeIfAbsent(record.partition(), partition -> new ArrayList<>())
                .add(ByteBuffer.wrap(record.value()).getInt());
        }
        return sequences;
    }

    private static Map<Integer, List<Integer>> expected() {
        final List<Integer> sequences = new ArrayList<>();
        for (int sequence = 0; sequence < RECORDS_PER_PARTITION; sequence++) {
            sequences.add(sequence);
        }
        final Map<Integer, List<Integer>> expected = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            expected.put(partition, sequences);
        }
        return expected;
    }
}
