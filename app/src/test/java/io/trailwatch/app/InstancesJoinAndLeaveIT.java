package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.identity.InstanceTokens;
import io.trailwatch.schemas.Topics;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code trailwatch up} instances of one deployment on distinct addresses (127.0.0.2, .3, .4 with one port: Linux
 * routes all of 127/8 to the loopback interface), each advertising its own ({@code --advertised-http-address}), under
 * steady audit, metric and SetAlarmState traffic: each answers LookupEvents, DescribeAlarms and GetMetricStatistics
 * whole, asking the instances that hold the data; a third instance joins and one leaves (SIGTERM) while the traffic
 * flows; afterwards independent readers find every published audit event once in the history and every alarm
 * transition once on trailwatch.alarms (read_committed).
 */
@Isolated("its instances read the shared audit, metric, config and command topics: any test running beside it "
    + "would see its own alarms evaluated and its metrics counted again")
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class InstancesJoinAndLeaveIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final Duration START = Duration.ofMinutes(3);

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final int port = FreePorts.pick();
    private final String user = UniqueNames.of("instances");
    private final String namespace = UniqueNames.of("Instances");
    private final List<String> metrics = IntStream.range(0, 4).mapToObj(i -> "Requests" + i).toList();
    private final List<String> alarms = IntStream.range(0, 8).mapToObj(i -> user + "-alarm-" + i).toList();
    private final List<Instance> started = new ArrayList<>();
    private final TrafficChecks checks = new TrafficChecks(user, namespace, metrics, alarms,
        TestIdentity.get().administrator());

    /** One {@code trailwatch up} joining the shared broker and registry, on its own loopback address. */
    private record Instance(String host, int port, UpProcess up) {
        String endpoint() {
            return "http://" + host + ":" + port;
        }
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (final Instance instance : started) {
            if (instance.up().process().isAlive()) {
                instance.up().stop(Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void anyInstanceAnswersEveryQueryWhileInstancesJoinAndLeaveAndNothingIsLostOrDoubled() throws Exception {
        final Instant begin = Instant.now();
        final Instance a = start("127.0.0.2");
        final Instance b = start("127.0.0.3");
        a.up().awaitUp(START);
        b.up().awaitUp(START);
        System.out.printf("two instances up in %d ms%n", Duration.between(begin, Instant.now()).toMillis());
        assertThat(b.up().transcript()).as("the banner names the address the API listens on")
            .contains("HTTP API                 " + b.endpoint() + "/v1/health");
        checks.defineAlarms(a.endpoint());
        final List<String> live = new CopyOnWriteArrayList<>(List.of(a.endpoint(), b.endpoint()));
        final AtomicInteger turn = new AtomicInteger();
        final ClusterTraffic traffic = new ClusterTraffic(infrastructure, user, namespace, metrics, alarms,
            () -> live.get(Math.floorMod(turn.getAndIncrement(), live.size())));
        try {
            traffic.awaitMore(25);
            awaitWhole(List.of(a, b), Instant.now());
            await("each instance holds part of the event history").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    final Set<Integer> partsOfA = localHistoryPartitions(a);
                    final Set<Integer> partsOfB = localHistoryPartitions(b);
                    assertThat(partsOfA).isNotEmpty().doesNotContainAnyElementsOf(partsOfB);
                    assertThat(partsOfB).isNotEmpty();
                });

            final Instant joining = Instant.now();
            final Instance c = start("127.0.0.4");
            c.up().awaitUp(START);
            final Duration cUp = Duration.between(joining, Instant.now());
            live.add(c.endpoint());
            final Duration joined = awaitWhole(List.of(a, b, c), joining);
            System.out.printf("join: the third instance up in %d ms, every instance answering whole %d ms after its "
                + "start%n", cUp.toMillis(), joined.toMillis());
            traffic.awaitMore(25);

            live.remove(b.endpoint());
            final Instant leaving = Instant.now();
            final Duration stopTook = b.up().stop(Duration.ofSeconds(60));
            final Duration left = awaitWhole(List.of(a, c), leaving);
            System.out.printf("leave: the second instance stopped in %d ms, the others answering whole %d ms after "
                + "its SIGTERM%n", stopTook.toMillis(), left.toMillis());
            traffic.awaitMore(25);
        } finally {
            traffic.close();
        }
        System.out.printf("traffic: %d audit events, %d alarm flips, %d calls refused and made again%n",
            traffic.acknowledged().size(), traffic.flips().values().stream().mapToInt(List::size).sum(),
            traffic.refusedCalls());

        for (final Instance instance : List.of(started.get(0), started.get(2))) {
            checks.assertEveryEventOnceInTheHistory(instance.endpoint(), traffic.acknowledged());
        }
        assertEveryTransitionOnce(traffic.flips());
    }

    /** Starts {@code trailwatch up} on the address, advertising it, with the deployment's identity key. */
    private Instance start(final String host) throws Exception {
        final Path dataDir = Files.createTempDirectory("trailwatch-instance-" + host);
        TestIdentity.get().shareKeyWith(dataDir);
        final String address = host + ":" + port;
        final Instance instance = new Instance(host, port, UpProcess.start("--data-dir", dataDir.toString(),
            "--bootstrap-servers", infrastructure.bootstrapServers(), "--schema-registry-url",
            infrastructure.registryUrl(), "--http-address", address, "--advertised-http-address", address,
            "--no-archive"));
        started.add(instance);
        return instance;
    }

    /**
     * Waits until every instance answers every query whole.
     *
     * @return the time since {@code since}
     */
    private Duration awaitWhole(final List<Instance> instances, final Instant since) {
        return checks.awaitWhole(instances.stream().map(Instance::endpoint).toList(), since);
    }

    /** The history partitions an instance answers for itself (its internal route, as another instance asks it). */
    private static Set<Integer> localHistoryPartitions(final Instance instance) throws Exception {
        final String path = "/v1/internal/events?maxResults=1";
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(instance.endpoint() + path))
            .header(InstanceTokens.HEADER, TestIdentity.get().instanceHeader(path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        final Set<Integer> partitions = new HashSet<>();
        JSON.readTree(response.body()).path("Partitions").forEach(partition -> partitions.add(partition.intValue()));
        return partitions;
    }

    /** trailwatch.alarms, read_committed, has each flip once per deployment, in order. */
    private void assertEveryTransitionOnce(final Map<String, List<String>> flips) {
        final Set<String> expected = flips.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        final List<ConsumerRecord<String, AlarmStateChange>> read = infrastructure.consumeUntil(Topics.ALARMS,
            records -> records.stream().map(record -> record.value().getState().getReason().toString())
                .collect(Collectors.toSet()).containsAll(expected), Duration.ofSeconds(60));
        // The shared test instance, when it runs, is a deployment of its own on the same topics: it makes each
        // transition too, once. What is checked is that this deployment's instances add exactly one of each.
        checks.assertEveryTransitionOnce(read, flips, 1 + (RunningTrailwatch.sharedIsRunning() ? 1 : 0));
    }
}
