package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.stack.ApicurioRegistry;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.stack.KafkaCluster;
import io.trailwatch.testkit.TestTlsStores;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The production topology of issue 21 on this machine: a 3-node Kafka cluster (SASL/SCRAM over TLS, ACLs,
 * replication factor 3, min.insync.replicas 2) as child JVMs, a registry, and two {@code trailwatch up --bootstrap-servers} instances on
 * 127.0.0.2 and 127.0.0.3 under steady audit, metric and SetAlarmState traffic. Each failure is a test, in order on
 * the one cluster (its start dominates): the broker leading the audit topic SIGKILLed, an instance SIGKILLed, a
 * rolling restart of the instances, a network partition of one instance (iptables on its cgroup; skipped where
 * the machine cannot). After each, independent readers count: every published audit event once on the
 * audit topic (read_committed) and in LookupEvents through every instance, every alarm transition once and in order
 * on trailwatch.alarms (read_committed). The times until Trailwatch was whole again are printed.
 */
@Isolated("three Kafka nodes and two Trailwatch instances on two cores: the take-over times it measures would be "
    + "those of the tests running beside it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailuresIT {

    private static final String KAFKA_USER = "trailwatch-ops";
    private static final String KAFKA_PASSWORD = "cluster-ops-42";
    /**
     * The instances' Kafka consumer session timeout ({@code kafka.session.timeout.ms}, README "Production"): how long
     * the partitions of a crashed instance wait before the group gives them to another.
     */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private static KafkaCluster kafka;
    private static ApicurioRegistry registry;
    private static SerdeContext serdes;
    private static Path config;
    private static int port;
    private static CallerCredentials administrator;
    private static Instance first;
    private static Instance second;
    /** The second instance's network, cut by test 4; null when this machine cannot (see {@link #cutUnavailable}). */
    private static NetworkCut cut;
    private static String cutUnavailable;

    /** One {@code trailwatch up} on its own loopback address and data directory; restartable. */
    private static final class Instance {
        private final String host;
        private final Path dataDir;
        private final List<String> wrapper;
        private UpProcess up;

        Instance(final String host, final List<String> wrapper) throws Exception {
            this.host = host;
            this.wrapper = wrapper;
            this.dataDir = Files.createDirectories(dir.resolve("instance-" + host));
        }

        String endpoint() {
            return "http://" + host + ":" + port;
        }

        void start() throws Exception {
            final String address = host + ":" + port;
            up = UpProcess.start(wrapper, "--config", config.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registry.ccompatUrl(), "--data-dir", dataDir.toString(), "--http-address",
                address, "--advertised-http-address", address, "--no-archive");
        }
    }

    @BeforeAll
    static void startClusterAndInstances() throws Exception {
        final Instant begin = Instant.now();
        registry = ApicurioRegistry.builder().dataDir(dir.resolve("registry")).build();
        // The registry's child JVM boots while the Kafka nodes start.
        final CompletableFuture<ApicurioRegistry> registryStarted = CompletableFuture.supplyAsync(registry::start);
        final TestTlsStores tls = TestTlsStores.generate(dir, "kafka");
        kafka = KafkaCluster.builder().dataDir(dir.resolve("kafka")).superUser(KAFKA_USER, KAFKA_PASSWORD)
            .tls(tls.keyStore(), tls.trustStore(), tls.password()).build().start();
        registryStarted.get(3, TimeUnit.MINUTES);
        serdes = SerdeContext.forRegistry(registry.ccompatUrl());
        final Duration infrastructure = Duration.between(begin, Instant.now());
        config = dir.resolve("prod.yaml");
        Files.writeString(config, "settings:\n"
            + "  trailwatch.topics.replication.factor: 3\n"
            + "  trailwatch.topics.min.insync.replicas: 2\n"
            + "  kafka.session.timeout.ms: " + SESSION_TIMEOUT.toMillis() + "\n"
            + ProductionConfigFile.scramOverTls(KAFKA_USER, KAFKA_PASSWORD, tls));
        port = FreePorts.pick();
        final NetworkCut.Result network = NetworkCut.create();
        cut = network.cut();
        cutUnavailable = network.unavailable();
        first = new Instance("127.0.0.2", List.of());
        // In a cgroup of its own from the start: the sockets it opens are the ones a cut drops.
        second = new Instance("127.0.0.3", cut == null ? List.of() : cut.wrapper());
        first.start();
        first.up.awaitUp(START);
        // The first start of a deployment creates its administrator and identity key; every instance needs the key.
        administrator = CallerCredentials.resolve("trailwatch", first.dataDir.resolve("credentials"), Map.of())
            .credentials();
        Files.createDirectories(second.dataDir.resolve("identity"));
        Files.copy(first.dataDir.resolve("identity").resolve(IdentityKey.FILE_NAME),
            second.dataDir.resolve("identity").resolve(IdentityKey.FILE_NAME));
        second.start();
        second.up.awaitUp(START);
        System.out.printf("3 Kafka nodes and a registry up in %d ms, two instances in %d ms more%n",
            infrastructure.toMillis(), Duration.between(begin, Instant.now()).minus(infrastructure).toMillis());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (final Instance instance : new Instance[] {first, second}) {
            if (instance != null && instance.up != null && instance.up.process().isAlive()) {
                instance.up.stop(Duration.ofSeconds(60));
            }
        }
        if (cut != null) {
            cut.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void killNineOfTheBrokerLeadingTheAuditTopicLosesAndDoublesNothing() throws Exception {
        underTraffic("broker-kill", (checks, traffic, live) -> {
            final int leader = kafka.mostLeadingNode(Topics.AUDIT.name());
            final Instant killed = Instant.now();

            kafka.kill(leader);

            await("the audit topic led by the other brokers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> !kafka.leaders(Topics.AUDIT.name()).contains(leader));
            final Duration ledByOthers = Duration.between(killed, Instant.now());
            traffic.awaitMore(10);
            final Duration whole = checks.awaitWhole(live, killed);
            traffic.awaitMore(25);
            kafka.restart(leader);
            kafka.awaitFullyReplicated(kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS),
                Duration.ofSeconds(90));
            final Duration replicated = Duration.between(killed, Instant.now());
            traffic.awaitMore(25);
            System.out.printf("kill -9 of broker %d (leading the audit topic): its partitions led by the others after "
                + "%d ms, every instance answering whole after %d ms, the broker back with every replica in sync "
                + "after %d ms%n", leader, ledByOthers.toMillis(), whole.toMillis(), replicated.toMillis());
        });
    }

    @Test
    @Order(2)
    void killNineOfAnInstanceHandsItsAlarmsAndLookupsToTheOther() throws Exception {
        underTraffic("instance-kill", (checks, traffic, live) -> {
            live.remove(second.endpoint());
            final Instant killed = Instant.now();

            second.up.kill();

            final Duration whole = checks.awaitWhole(live, killed);
            // Every alarm flipped again (one a second, in turn) once the survivor holds them all.
            traffic.awaitMore(5 * checks.alarms().size());
            System.out.printf("kill -9 of an instance: the other answering every query whole %d ms after it "
                + "(session timeout %d ms)%n", whole.toMillis(), SESSION_TIMEOUT.toMillis());
            assertThat(whole).as("taken over within the session timeout and a restore")
                .isLessThan(SESSION_TIMEOUT.plusSeconds(60));

            final Instant restarting = Instant.now();
            second.start();
            second.up.awaitUp(START);
            live.add(second.endpoint());
            final Duration rejoined = checks.awaitWhole(live, restarting);
            traffic.awaitMore(25);
            System.out.printf("the killed instance started again: both answering whole %d ms after its start%n",
                rejoined.toMillis());
        });
    }

    @Test
    @Order(3)
    void aRollingRestartOfTheInstancesLosesAndDoublesNothing() throws Exception {
        underTraffic("rolling", (checks, traffic, live) -> {
            for (final Instance instance : List.of(first, second)) {
                live.remove(instance.endpoint());
                final Instant stopping = Instant.now();
                final Duration stopTook = instance.up.stop(Duration.ofSeconds(60));
                instance.start();
                instance.up.awaitUp(START);
                live.add(instance.endpoint());
                final Duration whole = checks.awaitWhole(live, stopping);
                traffic.awaitMore(15);
                System.out.printf("rolling restart of %s: stopped in %d ms, both answering whole %d ms after its "
                    + "SIGTERM%n", instance.host, stopTook.toMillis(), whole.toMillis());
            }
        });
    }

    @Test
    @Order(4)
    void aNetworkPartitionedInstanceStopsAnsweringAndTheOtherTakesOver() throws Exception {
        assumeTrue(cut != null, "no network partition on this machine: " + cutUnavailable);
        underTraffic("partition", (checks, traffic, live) -> {
            live.remove(second.endpoint());
            final Instant cutAt = Instant.now();
            try {
                cut.cut(port);

                await("the cut-off instance refusing queries").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).until(() -> refuses(checks, second.endpoint()));
                final Duration refusing = Duration.between(cutAt, Instant.now());
                // Whole now that the cut-off one refuses whatever the other would forward to it: all of it is held
                // by the other.
                final Duration takenOver = checks.awaitWhole(List.of(first.endpoint()), cutAt);
                // Every alarm flipped again, by the instance that holds them all now.
                traffic.awaitMore(5 * checks.alarms().size());
                final Instant healing = Instant.now();
                cut.heal();
                live.add(second.endpoint());
                final Duration rejoined = checks.awaitWhole(live, healing);
                traffic.awaitMore(25);
                System.out.printf("network partition of an instance: the cut-off one refusing (HTTP 503) after %d ms, "
                    + "the other answering every query whole alone after %d ms; link back: both whole after %d ms%n",
                    refusing.toMillis(), takenOver.toMillis(), rejoined.toMillis());
            } finally {
                cut.heal();
            }
        });
    }

    /** Whether the instance answers LookupEvents and DescribeAlarms with HTTP 503 (ask another instance). */
    private static boolean refuses(final TrafficChecks checks, final String endpoint) {
        try (CloudTrailClient cloudTrail = AwsClients.cloudTrail(endpoint, administrator);
             CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint, administrator)) {
            return status(() -> cloudTrail.lookupEvents(lookup -> lookup.maxResults(1))) == 503
                && status(() -> cloudWatch.describeAlarms(describe -> describe.alarmNamePrefix(checks.user()))) == 503;
        }
    }

    private static int status(final Runnable call) {
        try {
            call.run();
            return 200;
        } catch (final AwsServiceException refused) {
            return refused.statusCode();
        } catch (final SdkClientException unreachable) {
            return -1;
        }
    }

    /** What a failure does to the cluster, and what it measures, while the traffic flows. */
    @FunctionalInterface
    private interface Failure {
        /**
         * @param live the instances the traffic calls: remove one before it fails, add it back once it serves again
         */
        void happen(TrafficChecks checks, ClusterTraffic traffic, List<String> live) throws Exception;
    }

    /**
     * The failure under steady traffic of a user, metrics and alarms of its own, the cluster whole before it; then the
     * counts.
     */
    private static void underTraffic(final String name, final Failure failure) throws Exception {
        final TrafficChecks checks = checks(name);
        final List<String> live = new CopyOnWriteArrayList<>(List.of(first.endpoint(), second.endpoint()));
        checks.defineAlarms(first.endpoint());
        final ClusterTraffic traffic = traffic(checks, live);
        try {
            traffic.awaitMore(25);
            checks.awaitWhole(live, Instant.now());
            failure.happen(checks, traffic, live);
        } finally {
            traffic.close();
        }
        assertNothingLostOrDoubled(checks, traffic, live);
    }

    /** A user, namespace, metrics and alarms of the test's own: each test's traffic is told from the others'. */
    private static TrafficChecks checks(final String name) {
        final String user = UniqueNames.of(name);
        return new TrafficChecks(user, UniqueNames.of("Cluster"),
            IntStream.range(0, 2).mapToObj(i -> "Requests" + i).toList(),
            IntStream.range(0, 6).mapToObj(i -> user + "-alarm-" + i).toList(), administrator);
    }

    /** Steady traffic, its calls taking turns over the live instances. */
    private static ClusterTraffic traffic(final TrafficChecks checks, final List<String> live) {
        final Map<String, Object> producerConfig = new HashMap<>(kafka.access().clientConfig(Map.of()));
        producerConfig.put("acks", "all");
        producerConfig.put("enable.idempotence", "true");
        final KafkaProducer<String, AuditEvent> producer = new KafkaProducer<>(producerConfig,
            Topics.AUDIT.keySerde(serdes).serializer(), Topics.AUDIT.valueSerde(serdes).serializer());
        final AtomicInteger turn = new AtomicInteger();
        return new ClusterTraffic(producer, administrator, checks.user(), checks.namespace(), checks.metrics(),
            checks.alarms(), () -> live.get(Math.floorMod(turn.getAndIncrement(), live.size())));
    }

    /**
     * Independent readers find every acknowledged audit event once on the audit topic and in the event history through
     * every instance, and every flip once, in order, on trailwatch.alarms.
     */
    private static void assertNothingLostOrDoubled(final TrafficChecks checks, final ClusterTraffic traffic,
                                                   final List<String> endpoints) {
        final Set<String> published = traffic.acknowledged();
        final List<String> onTopic = readCommitted(Topics.AUDIT, records -> eventIds(records, checks.user())
            .containsAll(published)).stream()
            .filter(record -> checks.user().equals(record.value().getUserIdentity().getUserName().toString()))
            .map(record -> record.value().getEventID().toString()).toList();
        assertThat(Set.copyOf(onTopic)).as("audit events on the topic").isEqualTo(published);
        assertThat(onTopic).as("no audit event twice on the topic").hasSize(published.size());
        for (final String endpoint : endpoints) {
            checks.assertEveryEventOnceInTheHistory(endpoint, published);
        }
        final Set<String> flips = traffic.flips().values().stream().flatMap(List::stream).collect(Collectors.toSet());
        final List<ConsumerRecord<String, AlarmStateChange>> transitions = readCommitted(Topics.ALARMS,
            records -> records.stream().map(record -> record.value().getState().getReason().toString())
                .collect(Collectors.toSet()).containsAll(flips));
        checks.assertEveryTransitionOnce(transitions, traffic.flips(), 1);
        System.out.printf("%d audit events published, each once on the topic and in the history; %d transitions%n",
            published.size(), flips.size());
    }

    private static Set<String> eventIds(final List<ConsumerRecord<String, AuditEvent>> records, final String user) {
        return records.stream().filter(record -> user.equals(record.value().getUserIdentity().getUserName()
            .toString())).map(record -> record.value().getEventID().toString()).collect(Collectors.toSet());
    }

    /**
     * The topic from the beginning, read_committed, by a consumer of no group: until {@code done} holds, then on to
     * the end offsets of that moment (a record written twice comes after the first).
     */
    private static <K, V> List<ConsumerRecord<K, V>> readCommitted(final Topic<K, V> topic,
                                                                 final Predicate<List<ConsumerRecord<K, V>>> done) {
        final Map<String, Object> consumerConfig = new HashMap<>(kafka.access().clientConfig(Map.of()));
        consumerConfig.put("isolation.level", "read_committed");
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerConfig, topic.keySerde(serdes).deserializer(),
            topic.valueSerde(serdes).deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final List<ConsumerRecord<K, V>> records = new ArrayList<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!done.test(records)) {
                assertThat(System.nanoTime()).as("%s holds what was expected within 60 s", topic.name())
                    .isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertThat(System.nanoTime()).as("%s read to its end within 60 s", topic.name()).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
