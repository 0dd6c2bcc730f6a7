package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import io.trailwatch.stack.ConnectCredentials;
import io.trailwatch.stack.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code trailwatch up --demo} through crashes, as a user would meet them, under steady audit traffic: each child
 * process (the registry, S3Proxy, the Connect worker) SIGKILLed and restarted by the supervisor, a connector stopped
 * by hand, a SIGTERM and a restart on the same data directory, then the main process SIGKILLed and started again.
 * Independent clients then check that the event history, the archive and the alarm transitions hold every event
 * once. One stack for the class: each test is a step of one story, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Alone: it measures the ordered stop against its 15 s and the supervisor's restarts, which four other test classes
// running beside it on two cores would slow down as much as anything it measures.
@Isolated
class KillNineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    /** The user of the test's own traffic: its events are told from the demo's by it. */
    private static final String USER = "kill-nine";
    private static final String ACCOUNT = "123456789012";
    private static final Pattern CONNECT_URL = Pattern.compile("Kafka Connect REST API +(http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern STOPPED = Pattern.compile("^trailwatch: stopped (.+) \\(\\d+ ms\\)$");

    private static Path dataDir;
    private static int[] ports;
    private static UpProcess up;
    private static Traffic traffic;
    private static final List<String> transcripts = new ArrayList<>();
    private static final Instant BEGIN = Instant.now();

    @BeforeAll
    static void startTrailwatchAndTraffic() throws Exception {
        dataDir = Files.createTempDirectory("trailwatch-kill-nine");
        ports = FreePorts.pick(5);
        up = start();
        traffic = new Traffic();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (traffic != null) {
            traffic.close();
        }
        if (up != null && up.process().isAlive()) {
            up.stop(Duration.ofSeconds(60));
        }
    }

    @Test
    @Order(1)
    void aChildProcessKilledWithSigkillIsRestartedAndReportedOnTheConsoleAndInHealth() throws Exception {
        record Child(String name, Path pidFile, String component) { }
        for (final Child child : List.of(
            new Child("Apicurio Registry", dataDir.resolve("registry").resolve("registry.pid"), "schemaRegistry"),
            new Child("S3Proxy", dataDir.resolve("s3proxy").resolve("s3proxy.pid"), "objectStore"),
            new Child("Kafka Connect worker", dataDir.resolve("connect").resolve("connect.pid"), "connectWorker"))) {
            final long pid = Long.parseLong(Files.readString(child.pidFile()).trim());
            traffic.awaitMore(20);
            final Instant killed = Instant.now();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            up.awaitLine(line -> line.contains(child.name() + " (pid " + pid + ") exited with code 137; restarting it"),
                Duration.ofSeconds(20));
            final String back = up.awaitLine(line -> line.contains(child.name() + " is back (pid "),
                Duration.ofSeconds(90));
            System.out.println("kill -9 " + child.name() + ": " + back.substring(back.indexOf("ready ")));
            await(child.component() + " UP again in the health report").atMost(Duration.ofSeconds(20))
                .until(() -> component(child.component()).path("status").asText().equals("UP"));
            assertThat(component(child.component()).path("detail").asText())
                .contains("restarts: 1, last: " + child.name() + " (pid " + pid + ") exited with code 137");
            assertThat(Instant.parse(component(child.component()).path("since").asText())).isAfter(killed);
        }
        // The worker's tasks resume from their committed offsets once the dead worker's consumers time out.
        await("every connector running again").atMost(Duration.ofSeconds(60))
            .until(() -> health().path("status").asText().equals("UP"));
    }

    @Test
    @Order(2)
    void healthNamesAStoppedConnectorAndSinceWhenToAuthenticatedCallersOnly() throws Exception {
        final String connector = ArchiveConnectors.ALARMS_CONNECTOR;
        final Instant paused = Instant.now();
        assertThat(connect("PUT", "/connectors/" + connector + "/pause").statusCode()).isEqualTo(202);
        try {
            await("the connector DOWN").atMost(Duration.ofSeconds(20))
                .until(() -> component("connector " + connector).path("status").asText().equals("DOWN"));
            final JsonNode down = component("connector " + connector);
            assertThat(down.path("detail").asText()).contains("connector PAUSED");
            assertThat(Instant.parse(down.path("since").asText())).isAfter(paused.minusSeconds(1));
            final HttpResponse<String> details = signed("/v1/health/components");
            assertThat(details.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(details.body()).path("status").asText()).isEqualTo("DOWN");
            // Anyone may ask whether it is ready, and learns nothing else.
            final HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(api("/v1/health")))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(anonymous.body())).isEqualTo(JSON.readTree("{\"status\":\"DOWN\"}"));
            final HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(
                api("/v1/health/components"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
        } finally {
            connect("PUT", "/connectors/" + connector + "/resume");
        }
        await("the connector UP again").atMost(Duration.ofSeconds(30))
            .until(() -> health().path("status").asText().equals("UP"));
    }

    @Test
    @Order(3)
    void sigtermStopsInOrderWithin15SecondsLeavingNoChildAndARestartLosesNothing() throws Exception {
        traffic.awaitMore(20);
        final List<Long> children = up.process().descendants().map(ProcessHandle::pid).toList();
        assertThat(children).hasSize(3);

        final Duration took = up.stop(Duration.ofSeconds(30));
        System.out.println("SIGTERM -> trailwatch up exited in " + took.toMillis() + " ms");

        final String console = up.transcript();
        assertThat(took).as(() -> console.lines().filter(line -> line.startsWith("trailwatch: stop"))
            .collect(java.util.stream.Collectors.joining("\n"))).isLessThan(Duration.ofSeconds(15));
        transcripts.add(console);
        final List<String> stopped = console.lines().map(STOPPED::matcher).filter(Matcher::matches)
            .map(matcher -> matcher.group(1)).toList();
        assertThat(stopped).containsSubsequence("HTTP API", "Kafka Connect worker (offsets committed)",
            "stream processors (committed)", "schema registry", "Kafka broker");
        assertThat(stopped).containsSubsequence("S3Proxy", "Kafka broker");
        assertThat(stopped.indexOf("S3Proxy")).isGreaterThan(stopped.indexOf("stream processors (committed)"));
        // Published, stopped, restarted, counted: every event acknowledged before the stop is in the history.
        final Set<String> beforeStop = traffic.acknowledged();
        up = start();
        await("the history holds every event published before the stop").atMost(Duration.ofSeconds(60))
            .until(() -> historyIds().containsAll(beforeStop));
    }

    @Test
    @Order(4)
    void afterTheMainProcessIsKilledEveryEventIsInTheHistoryTheArchiveAndTheAlarmsOnce() throws Exception {
        assertThat(up.process().isAlive()).as("trailwatch up, restarted by the step before").isTrue();
        traffic.awaitMore(20);
        final List<ProcessHandle> orphans = up.process().descendants().toList();

        up.kill();
        transcripts.add(up.transcript());
        // The traffic goes on meanwhile: the producer buffers it until the broker is back.
        up = start();

        // What the killed process left running was stopped by the next start on the data directory.
        for (final ProcessHandle orphan : orphans) {
            assertThat(orphan.isAlive()).as("orphan %s", orphan.info()).isFalse();
        }
        assertThat(up.transcript()).contains("left running by an earlier Trailwatch");
        traffic.awaitMore(20);
        final Set<String> sent = traffic.finish();
        System.out.println("events published: " + sent.size());

        // The event history: each event listed once.
        await("every event in the history").atMost(Duration.ofSeconds(60))
            .until(() -> historyIds().containsAll(sent));
        assertThat(duplicates(historyList())).isEmpty();
        // The archive: each event in exactly one CloudTrail file.
        await("every event archived").atMost(Duration.ofSeconds(90))
            .until(() -> archivedIds().keySet().containsAll(sent));
        assertThat(archivedIds().entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey))
            .as("archived more than once").isEmpty();
        // Before the transitions are read, so that every transition notified is among them.
        transcripts.add(up.transcript());
        // The alarm transitions: each published once, each alarm's chain unbroken (no transition lost or repeated).
        final List<AlarmStateChange> changes = alarmChanges();
        assertThat(duplicates(changes.stream().map(change -> change.getId().toString()).toList())).isEmpty();
        final Map<String, AlarmStateChange> lastByAlarm = new HashMap<>();
        for (final AlarmStateChange change : changes) {
            final AlarmStateChange previous = lastByAlarm.put(change.getAlarmName().toString(), change);
            if (previous != null) {
                assertThat(change.getPreviousState().getValue()).as("transition after %s", previous)
                    .isEqualTo(previous.getState().getValue());
            }
        }
        assertThat(changes.stream().filter(change -> change.getAlarmName().toString().equals("S3BucketDeleted")))
            .hasSizeGreaterThanOrEqualTo(2);
        // The notifier delivered transitions across the crashes, each a real one. (Once per transition is the
        // receiver's to ensure with the Idempotency-Key: a worker killed between a POST and its record sends it again.)
        final List<String> notified = new ArrayList<>();
        final Pattern notification = Pattern.compile("^notification: webhook received .* \\(id ([0-9a-f-]+)\\)$");
        transcripts.forEach(console -> console.lines().map(notification::matcher).filter(Matcher::matches)
            .forEach(matcher -> notified.add(matcher.group(1))));
        assertThat(notified).isNotEmpty();
        assertThat(changes.stream().map(change -> change.getId().toString())).containsAll(notified);
    }

    private static UpProcess start() throws Exception {
        final UpProcess started = UpProcess.start("--demo", "--data-dir", dataDir.toString(),
            "--kafka-port", String.valueOf(ports[0]), "--registry-port", String.valueOf(ports[1]),
            "--http-port", String.valueOf(ports[2]), "--s3-port", String.valueOf(ports[3]),
            "--kafka-plain-port", String.valueOf(ports[4]));
        final Instant begin = Instant.now();
        started.awaitUp(Duration.ofMinutes(3));
        started.awaitLine(line -> line.startsWith("  Kafka Connect REST API"), Duration.ofSeconds(30));
        System.out.println("trailwatch up: banner after " + Duration.between(begin, Instant.now()).toMillis() + " ms");
        return started;
    }

    private static String api(final String path) {
        return "http://127.0.0.1:" + ports[2] + path;
    }

    private static HttpResponse<String> signed(final String path) {
        final CallerCredentials admin = CallerCredentials.resolve("trailwatch", dataDir.resolve("credentials"),
            Map.of()).credentials();
        return TestIdentity.send("GET", api(path), null, admin);
    }

    private static JsonNode health() throws IOException {
        return JSON.readTree(signed("/v1/health/components").body());
    }

    private static JsonNode component(final String name) throws IOException {
        for (final JsonNode component : health().path("components")) {
            if (component.path("name").asText().equals(name)) {
                return component;
            }
        }
        throw new AssertionError("no component " + name + " in " + health());
    }

    /** A call to the Connect worker's REST API, with the password it keeps in the data directory. */
    private static HttpResponse<String> connect(final String method, final String path) throws Exception {
        final Matcher url = CONNECT_URL.matcher(up.transcript());
        assertThat(url.find()).isTrue();
        final Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("connect").resolve("rest-users.properties"))) {
            users.load(in);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(url.group(1) + path))
            .header("Authorization", new ConnectCredentials("trailwatch", users.getProperty("trailwatch"))
                .authorization())
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every event of the test's user in the event history, page after page, as listed (duplicates kept). */
    private static List<String> historyList() throws IOException {
        final List<String> ids = new ArrayList<>();
        String next = null;
        do {
            final String query = "/v1/events?Username=" + USER + "&maxResults=1000&startTime="
                + BEGIN.minusSeconds(3600).getEpochSecond()
                + (next == null ? "" : "&nextToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            final HttpResponse<String> page = signed(query);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            final JsonNode body = JSON.readTree(page.body());
            body.path("Events").forEach(event -> ids.add(event.path("EventId").asText()));
            next = body.hasNonNull("NextToken") ? body.path("NextToken").asText() : null;
        } while (next != null);
        return ids;
    }

    private static Set<String> historyIds() throws IOException {
        return Set.copyOf(historyList());
    }

    /** How many times each of the test user's events is in the archive's CloudTrail files. */
    private static Map<String, Integer> archivedIds() throws IOException {
        final Map<String, Integer> counts = new HashMap<>();
        final Path trail = dataDir.resolve("s3").resolve("trailwatch-archive").resolve("AWSLogs").resolve(ACCOUNT)
            .resolve("CloudTrail");
        if (!Files.isDirectory(trail)) {
            return counts;
        }
        try (Stream<Path> files = Files.walk(trail)) {
            for (final Path file : files.filter(path -> path.toString().endsWith(".json.gz")).toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    for (final JsonNode record : JSON.readTree(in).path("Records")) {
                        if (USER.equals(record.path("userIdentity").path("userName").asText())) {
                            counts.merge(record.path("eventID").asText(), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        return counts;
    }

    /** Every alarm state change on trailwatch.alarms, read committed from the start by a consumer of the test's own. */
    private static List<AlarmStateChange> alarmChanges() {
        final SerdeContext serdes = SerdeContext.forRegistry(registryUrl());
        final Map<String, Object> config = new HashMap<>(kafkaClient());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final List<AlarmStateChange> changes = new ArrayList<>();
        try (KafkaConsumer<String, AlarmStateChange> consumer = new KafkaConsumer<>(config,
            Topics.ALARMS.keySerde(serdes).deserializer(), Topics.ALARMS.valueSerde(serdes).deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALARMS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (final ConsumerRecord<String, AlarmStateChange> record : consumer.poll(Duration.ofMillis(500))) {
                    changes.add(record.value());
                }
            }
        }
        return changes;
    }

    private static List<String> duplicates(final List<String> ids) {
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        return ids.stream().filter(id -> !seen.add(id)).toList();
    }

    private static String registryUrl() {
        return "http://127.0.0.1:" + ports[1] + "/apis/ccompat/v7";
    }

    /** The broker and its super user's login, from the client configuration `up` keeps for Kafka's own tools. */
    private static Map<String, Object> kafkaClient() {
        final Properties login = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("kafka-client.properties"))) {
            login.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final Map<String, Object> config = new HashMap<>();
        login.forEach((name, value) -> config.put(name.toString(), value));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports[0]);
        return config;
    }

    /**
     * Steady audit traffic of the test's user, ten events a second, from an idempotent producer that rides out the
     * broker's absence (stop, crash) by buffering and retrying for minutes: what the broker acknowledged is what must
     * be found once. A DeleteBucket call in every even minute makes the demo's alarm go to ALARM and back.
     */
    private static final class Traffic implements AutoCloseable {

        private final KafkaProducer<String, AuditEvent> producer;
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean running = true;

        Traffic() {
            final SerdeContext serdes = SerdeContext.forRegistry(registryUrl());
            final Map<String, Object> config = new HashMap<>(kafkaClient());
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
            producer = new KafkaProducer<>(config, Topics.AUDIT.keySerde(serdes).serializer(),
                Topics.AUDIT.valueSerde(serdes).serializer());
            thread = new Thread(this::run, "kill-nine-traffic");
            thread.start();
        }

        private void run() {
            long lastDeleteMinute = -1;
            while (running) {
                final Instant now = Instant.now();
                final long minute = now.getEpochSecond() / 60;
                final boolean delete = minute % 2 == 0 && minute != lastDeleteMinute;
                if (delete) {
                    lastDeleteMinute = minute;
                }
                final AuditEvent event = event(now, delete ? "DeleteBucket" : "PutObject");
                try {
                    producer.send(new ProducerRecord<>(Topics.AUDIT.name(), event.getEventID().toString(), event),
                        (metadata, error) -> {
                            if (error == null) {
                                acknowledged.add(event.getEventID().toString());
                            } else {
                                failure.compareAndSet(null, error);
                            }
                        });
                } catch (final org.apache.kafka.common.KafkaException e) {
                    if (!running) {
                        return; // closed while a send waited for the broker: the traffic is over anyway
                    }
                    failure.compareAndSet(null, e);
                    return;
                }
                try {
                    Thread.sleep(100); // the pace of the traffic, not a wait for a condition
                } catch (final InterruptedException e) {
                    return;
                }
            }
        }

        private static AuditEvent event(final Instant time, final String name) {
            return AuditEvent.newBuilder()
                .setEventVersion("1.11")
                .setEventID(UUID.randomUUID().toString())
                .setEventTime(time)
                .setEventSource("s3.amazonaws.com")
                .setEventName(name)
                .setAwsRegion("eu-west-1")
                .setSourceIPAddress("198.51.100.9")
                .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName(USER)
                    .setAccountId(ACCOUNT).build())
                .setRequestParameters("{\"bucketName\":\"kill-nine-bucket\"}")
                .setEventType("AwsApiCall")
                .setEventCategory("Management")
                .build();
        }

        /** Waits until the broker acknowledged {@code count} more events than now. */
        void awaitMore(final int count) {
            final int target = acknowledged.size() + count;
            await(count + " more events acknowledged").atMost(Duration.ofMinutes(2))
                .until(() -> acknowledged.size() >= target || failure.get() != null);
            assertThat(failure.get()).isNull();
        }

        Set<String> acknowledged() {
            return Set.copyOf(acknowledged);
        }

        /** Stops the traffic once everything sent is acknowledged; returns what was. */
        Set<String> finish() throws InterruptedException {
            running = false;
            thread.join(10_000);
            producer.flush();
            assertThat(failure.get()).isNull();
            return acknowledged();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
            producer.close(Duration.ofSeconds(5));
        }
    }
}
