package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.stack.LocalStack;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.schemas.Topics;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The event history on two Trailwatch instances (one application id, own state and HTTP port each) against the
 * real broker and registry: either instance answers for every partition, pages follow NextToken across both,
 * a duplicate delivery shows once, and after an instance restarts (having missed events the other indexed)
 * nothing is missing. The CLI reads the same answers. Isolated: its instances are a second application over the
 * shared topics, whose metric filters and dead-letter handling would act on the other tests' records a second time.
 */
@Isolated
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class EventHistoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static TestInfrastructure infrastructure;
    private static String applicationId;
    private static Instance first;
    private static Instance second;

    /** This test's events carry their own event source, so other tests' events on the shared topic never match. */
    private final String source = UniqueNames.of("history") + ".example.com";
    private final List<AuditEvent> published = new ArrayList<>();

    @TempDir
    static Path dataDirs;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        infrastructure = TestInfrastructure.get();
        applicationId = UniqueNames.applicationId("history-it");
        final int[] ports = FreePorts.pick(2);
        first = new Instance(dataDirs.resolve("a"), ports[0]).start();
        second = new Instance(dataDirs.resolve("b"), ports[1]).start();
        // Both instances must run active history partitions, or no query would need the other instance.
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(
            () -> !first.localPartitions().isEmpty() && !second.localPartitions().isEmpty());
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void eitherInstanceAnswersForTheWholeTrailAndAfterARestartNothingIsMissing() throws Exception {
        final Set<Integer> partitionsOfFirst = first.localPartitions();
        final Set<Integer> partitionsOfSecond = second.localPartitions();
        assertThat(partitionsOfFirst).doesNotContainAnyElementsOf(partitionsOfSecond);
        assertThat(union(partitionsOfFirst, partitionsOfSecond)).hasSize(Topics.AUDIT.partitions());

        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(events(120, now, new Random(1)));
        final AuditEvent duplicate = published.get(17);
        publish(List.of(duplicate));
        awaitIndexed(first);

        assertWholeAnswers(first, second);
        final List<String> combined = List.of("EventSource", source, "Username", "ben", "ReadOnly", "false",
            "startTime", now.minus(Duration.ofMinutes(90)).toString(), "endTime", now.minus(Duration.ofMinutes(20)).toString());
        assertThat(ids(all(second, combined, 4))).containsExactlyElementsOf(expected(event ->
            "ben".equals(event.getUserIdentity().getUserName()) && Boolean.FALSE.equals(event.getReadOnly())
                && !event.getEventTime().isBefore(now.minus(Duration.ofMinutes(90)))
                && !event.getEventTime().isAfter(now.minus(Duration.ofMinutes(20)))));
        assertThat(ids(all(first, List.of("EventSource", source), 50))).filteredOn(duplicate.getEventID()::equals)
            .hasSize(1);

        first.close();
        publish(events(30, now.plusSeconds(1), new Random(2)));
        awaitIndexed(second);
        first.start();
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
            .until(() -> !first.localPartitions().isEmpty());

        assertWholeAnswers(first, second);
    }

    @Test
    void theCliLooksUpEventsThroughEitherInstance() throws Exception {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(events(12, now, new Random(3)));
        awaitIndexed(second);
        final String endpoint = "--endpoint=http://127.0.0.1:" + second.port;
        final String attribute = "AttributeKey=EventSource,AttributeValue=" + source;

        final CommandLineRunner page = CommandLineRunner.run("lookup-events", endpoint, "--lookup-attributes",
            attribute, "--max-results", "5");
        assertThat(page.exitCode()).as(page.err()).isZero();
        final JsonNode json = JSON.readTree(page.out());
        final List<String> expected = expected(event -> true);
        assertThat(ids(iterable(json.path("Events")))).containsExactlyElementsOf(expected.subList(0, 5));
        final CommandLineRunner next = CommandLineRunner.run("lookup-events", endpoint, "--lookup-attributes",
            attribute, "--max-results", "5", "--next-token", json.path("NextToken").asText());
        assertThat(ids(iterable(JSON.readTree(next.out()).path("Events")))).containsExactlyElementsOf(
            expected.subList(5, 10));

        final CommandLineRunner table = CommandLineRunner.run("lookup-events", endpoint, "--lookup-attributes",
            attribute, "--lookup-attributes", "AttributeKey=EventName,AttributeValue=DeleteBucket", "--output", "table");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("LookupEvents", "EventTime", "EventName", "Username");
        final long deletes = published.stream().filter(event -> event.getEventName().equals("DeleteBucket")).count();
        assertThat(table.out()).contains(deletes + " event" + (deletes == 1 ? "" : "s"));

        final CommandLineRunner invalid = CommandLineRunner.run("lookup-events", endpoint, "--max-results", "0");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("--max-results").contains("must be a whole number from 1 to 50");

        final HttpResponse<String> bad = get(first, List.of("Usrname", "bob"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("field").asText()).isEqualTo("Usrname");
    }

    /** Every query asked of either instance, followed page by page, finds exactly what was published. */
    private void assertWholeAnswers(final Instance... instances) throws Exception {
        final List<String> everything = expected(event -> true);
        final List<String> bens = expected(event -> "ben".equals(event.getUserIdentity().getUserName()));
        final List<String> bucket = expected(event -> event.getResources() != null && !event.getResources().isEmpty());
        for (final Instance instance : instances) {
            assertThat(ids(all(instance, List.of("EventSource", source), 7))).as("instance %s", instance.port)
                .containsExactlyElementsOf(everything);
            assertThat(ids(all(instance, List.of("EventSource", source, "Username", "ben"), 50)))
                .containsExactlyElementsOf(bens);
            assertThat(ids(all(instance, List.of("EventSource", source, "ResourceName", "backups"), 50)))
                .containsExactlyElementsOf(bucket);
        }
    }

    private void publish(final List<AuditEvent> events) {
        infrastructure.produceAll(Topics.AUDIT, events.stream().map(event -> Map.entry(event.getEventID(), event))
            .toList());
        for (final AuditEvent event : events) {
            if (published.stream().noneMatch(seen -> seen.getEventID().equals(event.getEventID()))) {
                published.add(event);
            }
        }
    }

    /** Waits until the instance's answer has every event published so far (indexing is asynchronous). */
    private void awaitIndexed(final Instance instance) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(
            () -> ids(all(instance, List.of("EventSource", source, "maxResults", "1000"), 0)).size() == published.size());
    }

    private List<AuditEvent> events(final int count, final Instant newest, final Random random) {
        final String[] users = {"ana", "ben", "cy"};
        final String[] names = {"GetObject", "PutObject", "DeleteBucket", "ListBuckets"};
        final List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(AuditEvent.newBuilder()
                .setEventID(UUID.randomUUID().toString())
                .setEventTime(newest.minusMillis(random.nextInt(7_200_000) / 1000 * 1000))
                .setEventSource(source)
                .setEventName(names[random.nextInt(names.length)])
                .setAwsRegion("eu-west-1")
                .setSourceIPAddress("203.0.113." + random.nextInt(4))
                .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName(users[random.nextInt(3)])
                    .setAccountId("123456789012").build())
                .setReadOnly(random.nextBoolean())
                .setResources(random.nextInt(3) == 0 ? List.of(Resource.newBuilder()
                    .setARN("arn:aws:s3:::backups").setType("AWS::S3::Bucket").build()) : null)
                .setEventType("AwsApiCall")
                .setEventCategory("Management")
                .build());
        }
        return events;
    }

    /** The published events the predicate keeps, in the history's order: newest first, then by eventID. */
    private List<String> expected(final java.util.function.Predicate<AuditEvent> keep) {
        return published.stream().filter(keep)
            .sorted(Comparator.comparing((AuditEvent event) -> event.getEventTime()).reversed()
                .thenComparing(AuditEvent::getEventID))
            .map(AuditEvent::getEventID).toList();
    }

    /**
     * Every event of the query, following NextToken; pages never exceed {@code maxResults} (0: the parameters
     * carry it), and a 503 while partitions move is retried.
     */
    private static List<JsonNode> all(final Instance instance, final List<String> parameters, final int maxResults)
        throws Exception {
        final List<JsonNode> events = new ArrayList<>();
        final List<String> base = new ArrayList<>(parameters);
        if (maxResults > 0) {
            base.addAll(List.of("maxResults", String.valueOf(maxResults)));
        }
        String token = null;
        for (int pages = 0; pages < 1_000; pages++) {
            final List<String> query = new ArrayList<>(base);
            if (token != null) {
                query.addAll(List.of("nextToken", token));
            }
            final JsonNode page = answered(instance, query);
            assertThat(page.path("Events").size()).isLessThanOrEqualTo(maxResults > 0 ? maxResults : 1_000);
            page.path("Events").forEach(events::add);
            if (!page.hasNonNull("NextToken")) {
                return events;
            }
            token = page.path("NextToken").asText();
        }
        throw new AssertionError("NextToken never ended");
    }

    private static JsonNode answered(final Instance instance, final List<String> query) throws Exception {
        final HttpResponse<String>[] last = new HttpResponse[1];
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = get(instance, query);
            return last[0].statusCode() != 503;
        });
        assertThat(last[0].statusCode()).as(last[0].body()).isEqualTo(200);
        return JSON.readTree(last[0].body());
    }

    private static HttpResponse<String> get(final Instance instance, final List<String> query) throws IOException,
        InterruptedException {
        final StringBuilder uri = new StringBuilder("http://127.0.0.1:" + instance.port + "/v1/events?");
        for (int i = 0; i < query.size(); i += 2) {
            uri.append(i == 0 ? "" : "&").append(URLEncoder.encode(query.get(i), StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(query.get(i + 1), StandardCharsets.UTF_8));
        }
        return TestIdentity.get().send("GET", uri.toString(), null);
    }

    private static List<String> ids(final Iterable<JsonNode> events) {
        final List<String> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.path("EventId").asText()));
        return ids;
    }

    private static Iterable<JsonNode> iterable(final JsonNode array) {
        return array::elements;
    }

    private static Set<Integer> union(final Set<Integer> a, final Set<Integer> b) {
        final Set<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** One Trailwatch instance: processors and HTTP API, joining the shared broker and registry. */
    private static final class Instance implements AutoCloseable {

        private final Path dataDir;
        private final int port;
        private LocalStack stack;

        Instance(final Path dataDir, final int port) {
            this.dataDir = dataDir;
            this.port = port;
        }

        Instance start() throws IOException {
            TestIdentity.get().shareKeyWith(dataDir);
            stack = new LocalStack().start(new LocalStack.Options(dataDir, infrastructure.bootstrapServers(),
                infrastructure.registryUrl(), 0, 0, "127.0.0.1", port, List.of(), Map.of(
                    ProcessorsConfig.APPLICATION_ID, applicationId,
                    ProcessorsConfig.APPLICATION_SERVER, "127.0.0.1:" + port,
                    // A closed instance leaves its group at once; one that dies is only noticed after the session
                    // timeout, the broker's minimum here rather than the default 45 s.
                    "session.timeout.ms", 6_000,
                    "heartbeat.interval.ms", 1_500,
                    // Every instance counts as caught up, so partitions are shared out at once rather than after
                    // warm-up replicas catch up on however much of the shared audit topic other tests wrote.
                    "acceptable.recovery.lag", Long.MAX_VALUE)));
            return this;
        }

        /** The history partitions this instance answers for itself, from its internal endpoint. */
        Set<Integer> localPartitions() throws IOException, InterruptedException {
            final String path = "/v1/internal/events?maxResults=1";
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + path)).header(io.trailwatch.identity.InstanceTokens.HEADER,
                    TestIdentity.get().instanceHeader(path)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Set.of();
            }
            final Set<Integer> partitions = new HashSet<>();
            JSON.readTree(response.body()).path("Partitions").forEach(partition -> partitions.add(partition.intValue()));
            return partitions;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
                stack = null;
            }
        }
    }
}
