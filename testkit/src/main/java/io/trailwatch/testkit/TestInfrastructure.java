package io.trailwatch.testkit;

import static org.awaitility.Awaitility.await;

import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.stack.ApicurioRegistry;
import io.trailwatch.stack.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka and schema registry every integration test of a JVM shares: started on first use,
 * stopped when the JVM exits.
 *
 * <p>Kafka is {@code apache/kafka} in a container when a Docker engine answers and an in-process KRaft broker
 * otherwise; the registry is always Apicurio as a child process. Choose explicitly with system property
 * {@value #KAFKA_MODE_PROPERTY} ({@code auto}, {@code embedded} or {@code container}).
 *
 * <p>Tests share the broker and registry, so each test should use its own topics, groups and application ids
 * ({@link UniqueNames}) or filter what it reads by key.
 */
public final class TestInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);

    /** {@code auto} (default): a container when Docker answers, else embedded; {@code embedded}; {@code container}. */
    public static final String KAFKA_MODE_PROPERTY = "trailwatch.testkit.kafka";
    /** Image of the Kafka container. */
    public static final String KAFKA_IMAGE_PROPERTY = "trailwatch.testkit.kafka.image";
    public static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.1.1";
    /** When true, the temporary directory with broker data and the registry log is kept after the JVM exits. */
    public static final String KEEP_DATA_PROPERTY = "trailwatch.testkit.keep-data";
    /** Default timeout of the helpers that wait: topic creation, produce, consume. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Settings both Kafka flavours get. Retention is unlimited because fixtures carry CloudTrail sample events
     * from years ago, and the default 7-day retention would delete them minutes after they were written.
     */
    private static final Map<String, String> TEST_BROKER_CONFIGS = Map.of(
        "log.retention.ms", "-1",
        "group.initial.rebalance.delay.ms", "0");
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static TestInfrastructure instance;
    private static RuntimeException startupFailure;

    private final Path workDir;
    private final String bootstrapServers;
    private final String kafkaDescription;
    private final AutoCloseable kafka;
    private final ApicurioRegistry registry;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final SerdeContext serdeContext;
    private final Map<Topic<?, ?>, Serde<?>> keySerdes = new ConcurrentHashMap<>();
    private final Map<Topic<?, ?>, Serde<?>> valueSerdes = new ConcurrentHashMap<>();

    private TestInfrastructure(final Path workDir, final KafkaHandle kafka, final ApicurioRegistry registry) {
        this.workDir = workDir;
        this.bootstrapServers = kafka.bootstrapServers();
        this.kafkaDescription = kafka.description();
        this.kafka = kafka.closer();
        this.registry = registry;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        this.serdeContext = SerdeContext.forRegistry(registry.ccompatUrl());
    }

    /**
     * The JVM's shared infrastructure, started on the first call (about 3-5 s). A failed start is remembered:
     * later calls fail at once with the same cause instead of waiting again.
     */
    public static synchronized TestInfrastructure get() {
        if (startupFailure != null) {
            throw new IllegalStateException("test infrastructure failed to start earlier in this JVM", startupFailure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (final RuntimeException e) {
                startupFailure = e;
                throw e;
            }
            final TestInfrastructure started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "trailwatch-testkit-shutdown"));
        }
        return instance;
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The registry's Confluent-compatible API, for {@code schema.registry.url}. */
    public String registryUrl() {
        return registry.ccompatUrl();
    }

    /** The serde context of the shared registry, auto-registering schemas like a default producer. */
    public SerdeContext serdeContext() {
        return serdeContext;
    }

    /** The shared admin client. Do not close it. */
    public Admin adminClient() {
        return admin;
    }

    /** Which Kafka runs, e.g. {@code embedded KRaft broker 4.3.1} or {@code container apache/kafka:4.1.1}. */
    public String kafkaDescription() {
        return kafkaDescription;
    }

    /** {@code bootstrap.servers} and {@code schema.registry.url}: the base of a client or Streams configuration. */
    public Map<String, Object> clientConfig() {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        return config;
    }

    /**
     * A Kafka Streams configuration for this infrastructure: the application id, a fresh state directory and
     * a 100 ms commit interval so results become visible to read_committed consumers quickly.
     */
    public Properties streamsConfig(final String applicationId) {
        final Properties props = new Properties();
        props.putAll(clientConfig());
        props.put("application.id", applicationId);
        props.put("commit.interval.ms", "100");
        try {
            props.put("state.dir", Files.createTempDirectory(workDir, "streams-" + applicationId + "-").toString());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create a Streams state directory in " + workDir, e);
        }
        return props;
    }

    /** Creates the topics with their partitions and configs unless they exist, and waits until they have leaders. */
    public void createTopics(final Topic<?, ?>... topics) {
        createTopics(Stream.of(topics)
            .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()))
            .toList());
    }

    /** Creates the topic unless it exists and waits until it has leaders. */
    public void createTopic(final String name, final int partitions) {
        createTopic(name, partitions, Map.of());
    }

    public void createTopic(final String name, final int partitions, final Map<String, String> configs) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    private void createTopics(final List<NewTopic> topics) {
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating topic " + name, e);
            } catch (final TimeoutException e) {
                throw new IllegalStateException("topic " + name + " not created within " + DEFAULT_TIMEOUT, e);
            }
        });
        final List<String> names = topics.stream().map(NewTopic::name).toList();
        await("leaders of " + names).atMost(DEFAULT_TIMEOUT).pollInterval(Duration.ofMillis(50))
            .ignoreExceptions()
            .until(() -> admin.describeTopics(names).allTopicNames().get().values().stream()
                .flatMap(description -> description.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
    }

    /** Partition count of an existing topic. */
    public int partitionCount(final String topic) {
        try {
            final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return description.partitions().size();
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing topic " + topic, e);
        }
    }

    /** Writes one record with the topic's serdes through the shared idempotent producer; returns once acknowledged. */
    public <K, V> RecordMetadata produce(final Topic<K, V> topic, final K key, final V value, final Header... headers) {
        return produceAll(topic, List.of(new AbstractMap.SimpleImmutableEntry<>(key, value)), headers).get(0);
    }

    /** Writes the key-value pairs in order (e.g. {@code List.of(Map.entry(k1, v1), ...)}) and waits for all acks. */
    public <K, V> List<RecordMetadata> produceAll(final Topic<K, V> topic, final List<? extends Map.Entry<K, V>> records,
                                                  final Header... headers) {
        final Serde<K> keySerde = keySerde(topic);
        final Serde<V> valueSerde = valueSerde(topic);
        final List<ProducerRecord<byte[], byte[]>> raw = new ArrayList<>(records.size());
        for (final Map.Entry<K, V> record : records) {
            final RecordHeaders recordHeaders = new RecordHeaders(headers);
            raw.add(new ProducerRecord<>(topic.name(), null, null,
                keySerde.serializer().serialize(topic.name(), recordHeaders, record.getKey()),
                valueSerde.serializer().serialize(topic.name(), recordHeaders, record.getValue()),
                recordHeaders));
        }
        return sendAll(raw);
    }

    /** Writes bytes as they are, e.g. a malformed payload for dead-letter tests. */
    public RecordMetadata produceRaw(final String topic, final byte[] key, final byte[] value, final Header... headers) {
        return sendAll(List.of(new ProducerRecord<>(topic, null, null, key, value, new RecordHeaders(headers)))).get(0);
    }

    /** Writes the records as they are and waits for all acks. */
    public List<RecordMetadata> sendAll(final List<ProducerRecord<byte[], byte[]>> records) {
        final List<Future<RecordMetadata>> acks = records.stream().map(producer::send).toList();
        producer.flush();
        final List<RecordMetadata> metadata = new ArrayList<>(acks.size());
        for (final Future<RecordMetadata> ack : acks) {
            try {
                metadata.add(ack.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (final ExecutionException | TimeoutException e) {
                throw new IllegalStateException("producing to " + records.get(0).topic() + " failed: " + e, e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted producing to " + records.get(0).topic(), e);
            }
        }
        return metadata;
    }

    /**
     * A new idempotent producer with the topic's serdes, for code under test that wants its own. The caller
     * closes it.
     */
    public <K, V> KafkaProducer<K, V> producer(final Topic<K, V> topic) {
        return new KafkaProducer<>(producerConfig(), topic.keySerde(serdeContext).serializer(),
            topic.valueSerde(serdeContext).serializer());
    }

    /**
     * Reads the topic from the beginning, as a read_committed consumer of no group, until at least
     * {@code minRecords} arrived.
     *
     * @throws AssertionError when fewer arrived within the timeout; the message says how many did
     */
    public <K, V> List<ConsumerRecord<K, V>> consume(final Topic<K, V> topic, final int minRecords, final Duration timeout) {
        return consumeUntil(topic, records -> records.size() >= minRecords, timeout,
            "at least " + minRecords + " records");
    }

    /** Reads the topic from the beginning until the records read so far satisfy the condition. */
    public <K, V> List<ConsumerRecord<K, V>> consumeUntil(final Topic<K, V> topic,
                                                          final Predicate<? super List<ConsumerRecord<K, V>>> done,
                                                          final Duration timeout) {
        return consumeUntil(topic, done, timeout, "the expected records");
    }

    private <K, V> List<ConsumerRecord<K, V>> consumeUntil(final Topic<K, V> topic,
                                                           final Predicate<? super List<ConsumerRecord<K, V>>> done,
                                                           final Duration timeout, final String expectation) {
        return consumeUntil(topic.name(), keySerde(topic).deserializer(), valueSerde(topic).deserializer(), done,
            timeout, expectation);
    }

    /** Reads raw bytes from the beginning until at least {@code minRecords} arrived, e.g. from the dead-letter topic. */
    public List<ConsumerRecord<byte[], byte[]>> consumeRaw(final String topic, final int minRecords,
                                                           final Duration timeout) {
        return consumeUntil(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
            records -> records.size() >= minRecords, timeout, "at least " + minRecords + " records");
    }

    /**
     * Everything committed to the topic when called, from the beginning up to the end offsets of that moment,
     * without waiting for more: for asserting that exactly these records, and no others, were written.
     */
    public <K, V> List<ConsumerRecord<K, V>> consumeToEnd(final Topic<K, V> topic) {
        try (KafkaConsumer<K, V> consumer = consumer(keySerde(topic).deserializer(), valueSerde(topic).deserializer())) {
            final List<TopicPartition> partitions = awaitPartitions(consumer, topic.name(), DEFAULT_TIMEOUT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEFAULT_TIMEOUT);
            final List<ConsumerRecord<K, V>> records = new ArrayList<>();
            final long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic.name() + " up to offsets " + end + " within "
                        + DEFAULT_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }

    /** Reads with the given deserializers from the beginning until the condition holds. */
    public <K, V> List<ConsumerRecord<K, V>> consumeUntil(final String topic, final Deserializer<K> keyDeserializer,
                                                          final Deserializer<V> valueDeserializer,
                                                          final Predicate<? super List<ConsumerRecord<K, V>>> done,
                                                          final Duration timeout) {
        return consumeUntil(topic, keyDeserializer, valueDeserializer, done, timeout, "the expected records");
    }

    private <K, V> List<ConsumerRecord<K, V>> consumeUntil(final String topic, final Deserializer<K> keyDeserializer,
                                                           final Deserializer<V> valueDeserializer,
                                                           final Predicate<? super List<ConsumerRecord<K, V>>> done,
                                                           final Duration timeout, final String expectation) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = consumer(keyDeserializer, valueDeserializer)) {
            final List<TopicPartition> partitions = awaitPartitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(records)) {
                final long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new AssertionError("expected " + expectation + " on " + topic + " within " + timeout
                        + " but read " + records.size() + ": " + summary(records));
                }
                try {
                    consumer.poll(Duration.ofMillis(Math.min(remainingMs, 200))).forEach(records::add);
                } catch (final RecordDeserializationException unreadable) {
                    // Test classes running alongside put unreadable records on shared topics on purpose (dead-letter
                    // tests); a reader looking for its own records steps over them.
                    consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
                }
            }
            return records;
        }
    }

    private static <K, V> List<TopicPartition> awaitPartitions(final KafkaConsumer<K, V> consumer, final String topic,
                                                               final Duration timeout) {
        final List<TopicPartition> partitions = new ArrayList<>();
        // Polled on this thread: KafkaConsumer may only be used by one thread at a time.
        await("topic " + topic + " to exist").atMost(timeout).pollInterval(Duration.ofMillis(100)).pollInSameThread()
            .until(() -> {
                partitions.clear();
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                return !partitions.isEmpty();
            });
        return partitions;
    }

    private <K, V> KafkaConsumer<K, V> consumer(final Deserializer<K> keyDeserializer,
                                                final Deserializer<V> valueDeserializer) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // What a downstream consumer observes: transactions aborted by an exactly-once application stay invisible.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Reading must not create the topic it waits for through broker-side auto-creation.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, UniqueNames.of("testkit-consumer"));
        // A fetch that finds nothing returns after 100 ms instead of 500, so records written meanwhile arrive sooner.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return new KafkaConsumer<>(config, keyDeserializer, valueDeserializer);
    }

    private Map<String, Object> producerConfig() {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis() / 2);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_TIMEOUT.toMillis());
        return config;
    }

    @SuppressWarnings("unchecked")
    private <K> Serde<K> keySerde(final Topic<K, ?> topic) {
        return (Serde<K>) keySerdes.computeIfAbsent(topic, t -> topic.keySerde(serdeContext));
    }

    @SuppressWarnings("unchecked")
    private <V> Serde<V> valueSerde(final Topic<?, V> topic) {
        return (Serde<V>) valueSerdes.computeIfAbsent(topic, t -> topic.valueSerde(serdeContext));
    }

    private static String summary(final List<? extends ConsumerRecord<?, ?>> records) {
        return records.stream().limit(10)
            .map(record -> record.partition() + "@" + record.offset() + " " + record.key())
            .collect(Collectors.joining(", ", "[", records.size() > 10 ? ", ...]" : "]"));
    }

    private static TestInfrastructure start() {
        final long startedAt = System.nanoTime();
        final Path workDir;
        try {
            workDir = Files.createTempDirectory("trailwatch-testkit-");
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test infrastructure", e);
        }
        final ApicurioRegistry registry = ApicurioRegistry.builder().dataDir(workDir.resolve("registry")).build();
        // The registry child process boots while this thread starts Kafka.
        final CompletableFuture<ApicurioRegistry> registryStarted = CompletableFuture.supplyAsync(registry::start);
        final KafkaHandle kafka;
        try {
            kafka = startKafka(workDir.resolve("kafka"));
        } catch (final RuntimeException e) {
            registryStarted.whenComplete((started, failure) -> registry.close());
            throw e;
        }
        try {
            registryStarted.join();
        } catch (final RuntimeException e) {
            closeQuietly(kafka.closer());
            registry.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        final TestInfrastructure infrastructure = new TestInfrastructure(workDir, kafka, registry);
        LOG.info("Test infrastructure ready in {} ms: {} at {}, Apicurio Registry at {} (work dir {})",
            (System.nanoTime() - startedAt) / 1_000_000, kafka.description(), kafka.bootstrapServers(),
            registry.ccompatUrl(), workDir);
        return infrastructure;
    }

    private record KafkaHandle(String bootstrapServers, String description, AutoCloseable closer) { }

    private static KafkaHandle startKafka(final Path dataDir) {
        final String mode = System.getProperty(KAFKA_MODE_PROPERTY, "auto").trim().toLowerCase();
        switch (mode) {
            case "embedded":
                return startEmbedded(dataDir);
            case "container":
                return ContainerKafka.start(kafkaImage(), TEST_BROKER_CONFIGS);
            case "auto":
                if (dockerAvailable()) {
                    try {
                        return ContainerKafka.start(kafkaImage(), TEST_BROKER_CONFIGS);
                    } catch (final RuntimeException e) {
                        LOG.warn("Docker answers but the Kafka container did not start; using the embedded broker", e);
                    }
                }
                return startEmbedded(dataDir);
            default:
                throw new IllegalArgumentException(KAFKA_MODE_PROPERTY + " must be auto, embedded or container, was " + mode);
        }
    }

    private static KafkaHandle startEmbedded(final Path dataDir) {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).configs(TEST_BROKER_CONFIGS)
            .build().start();
        return new KafkaHandle(broker.bootstrapServers(), "embedded KRaft broker", broker);
    }

    private static String kafkaImage() {
        return System.getProperty(KAFKA_IMAGE_PROPERTY, DEFAULT_KAFKA_IMAGE);
    }

    /** Whether a Docker engine answers, asked on another thread so a hung socket cannot stall the tests. */
    private static boolean dockerAvailable() {
        final CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return ContainerKafka.dockerAvailable();
            } catch (final Throwable e) {
                LOG.debug("Docker probe failed", e);
                return false;
            }
        });
        try {
            return probe.get(DOCKER_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            LOG.warn("No answer from Docker within {}; using the embedded broker", DOCKER_PROBE_TIMEOUT);
            probe.cancel(true);
            return false;
        } catch (final ExecutionException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stop() {
        producer.close(CLOSE_TIMEOUT);
        admin.close(CLOSE_TIMEOUT);
        closeQuietly(kafka);
        registry.close();
        if (!Boolean.getBoolean(KEEP_DATA_PROPERTY)) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (final IOException | UncheckedIOException e) {
                LOG.debug("cannot delete {}", workDir, e);
            }
        }
    }

    private static void closeQuietly(final AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (final Exception e) {
            LOG.warn("Failed to stop {}", closeable, e);
        }
    }

    /** Keeps Testcontainers classes out of the code paths that run without Docker. */
    private static final class ContainerKafka {

        static boolean dockerAvailable() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }

        static KafkaHandle start(final String image, final Map<String, String> brokerConfigs) {
            final org.testcontainers.kafka.KafkaContainer container = new org.testcontainers.kafka.KafkaContainer(
                Objects.requireNonNull(image, "image"));
            // The apache/kafka image turns KAFKA_LOG_RETENTION_MS into log.retention.ms, and so on.
            brokerConfigs.forEach((name, value) ->
                container.withEnv("KAFKA_" + name.toUpperCase().replace('.', '_'), value));
            container.start();
            return new KafkaHandle(container.getBootstrapServers(), "container " + image, container::stop);
        }
    }
}
