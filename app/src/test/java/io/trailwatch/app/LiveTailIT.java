package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.app.cli.RequestSigner;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.testkit.UniqueNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * Live tail: a server-sent events client and {@code trailwatch logs tail --follow} both receive a new matching event
 * within a second of PutLogEvents, in the route's event shape, and not an event the pattern excludes.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class LiveTailIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String endpoint;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        logs = AwsClients.logs(endpoint, TestIdentity.get().administrator());
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
    }

    /** An SSE connection's lines, read on their own thread as they come. */
    private record Sse(HttpResponse<Stream<String>> response, BlockingQueue<String> lines, Thread reader)
        implements AutoCloseable {

        static Sse open(final String group, final String filterPattern) throws Exception {
            return open(group, filterPattern, TestIdentity.get().administrator());
        }

        static Sse open(final String group, final String filterPattern, final CallerCredentials who)
            throws Exception {
            final URI uri = URI.create(endpoint + "/v1/log-groups/" + URLEncoder.encode(group, StandardCharsets.UTF_8)
                + "/tail?filterPattern=" + URLEncoder.encode(filterPattern, StandardCharsets.UTF_8)
                .replace("+", "%20"));
            final HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET();
            new RequestSigner(who, AccessControl.SERVICE,
                TestIdentity.NAMES.region()).sign(builder, "GET", uri, Map.of(), null);
            final HttpResponse<Stream<String>> response = HTTP.send(builder.build(),
                HttpResponse.BodyHandlers.ofLines());
            final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            final Thread reader = new Thread(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (final java.io.UncheckedIOException | IllegalStateException closed) {
                    // close() ended the stream (an I/O error, or the line stream closed under forEach): the end a
                    // reader expects, not a failure of whichever test runs when this thread ends
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
            return new Sse(response, lines, reader);
        }

        /** The next data line's JSON, waiting at most the time given. */
        JsonNode nextData(final Duration wait) throws Exception {
            final long end = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < end) {
                final String line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line != null && line.startsWith("data: ")) {
                    return JSON.readTree(line.substring("data: ".length()));
                }
            }
            return null;
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    private static void put(final String group, final String... messages) {
        final long now = Instant.now().toEpochMilli();
        logs.putLogEvents(put -> put.logGroupName(group).logStreamName("web-1").logEvents(Stream.of(messages)
            .map(message -> InputLogEvent.builder().timestamp(now).message(message).build()).toList()));
    }

    @Test
    void aNewMatchingEventReachesAnSseClientAndTheCliWithinASecond() throws Exception {
        final String group = "/it/" + UniqueNames.of("tail");
        logs.createLogGroup(create -> create.logGroupName(group));
        logs.createLogStream(create -> create.logGroupName(group).logStreamName("web-1"));
        put(group, "ERROR before the tail");

        final StringWriter out = new StringWriter();
        final CommandLine cli = Main.commandLine();
        cli.setDefaultValueProvider(option -> option.isOption()
            && "--credentials-file".equals(((CommandLine.Model.OptionSpec) option).longestName())
            ? TestIdentity.credentialsFileIfStarted().toString() : null);
        cli.setOut(new PrintWriter(out, true));
        final Thread follower = new Thread(() -> cli.execute("logs", "tail", group, "--follow", "--filter-pattern",
            "ERROR", "--since", "10m", "--endpoint", endpoint), "logs-tail");
        follower.setDaemon(true);
        follower.start();
        try (Sse sse = Sse.open(group, "ERROR")) {
            assertThat(sse.response().statusCode()).isEqualTo(200);
            assertThat(sse.response().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
            // the CLI caught up (the event before the tail, once) and is following
            Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> out.toString().contains("web-1 ERROR before the tail"));

            final long before = System.nanoTime();
            put(group, "INFO not a match", "ERROR live \u001b[31m");
            final JsonNode event = sse.nextData(Duration.ofSeconds(5));
            final long sseMs = (System.nanoTime() - before) / 1_000_000;
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> out.toString().contains("web-1 ERROR live"));
            final long cliMs = (System.nanoTime() - before) / 1_000_000;
            System.out.printf("live tail latency from PutLogEvents: SSE client %d ms, logs tail --follow %d ms%n",
                sseMs, cliMs);

            assertThat(event).isNotNull();
            assertThat(event.path("message").asText()).isEqualTo("ERROR live \u001b[31m");
            assertThat(event.path("logGroupName").asText()).isEqualTo(group);
            assertThat(event.path("logStreamName").asText()).isEqualTo("web-1");
            assertThat(event.path("timestamp").asLong()).isPositive();
            assertThat(event.path("ingestionTime").asLong()).isGreaterThanOrEqualTo(event.path("timestamp").asLong()
                - 1_000);
            // the eventId FilterLogEvents gives the stored event
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> logs.filterLogEvents(filter -> filter
                .logGroupName(group).filterPattern("live")).events().stream()
                .anyMatch(stored -> stored.eventId().equals(event.path("eventId").asText())));
            assertThat(sseMs).as("SSE latency").isLessThan(1_000);
            assertThat(cliMs).as("CLI latency").isLessThan(1_000);
            assertThat(out.toString()).doesNotContain("INFO").contains("ERROR live \\u001b[31m");
            assertThat(out.toString().lines().filter(line -> line.contains("before the tail"))).hasSize(1);
            assertThat(sse.nextData(Duration.ofMillis(500))).as("the INFO event is not delivered").isNull();
            // each session (the CLI's and this one) is on the trail once, as logs:StartLiveTail on the group
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sessionsStarted(group) == 2);
        } finally {
            follower.interrupt();
        }
        // and not again when it ends (the server finds the client gone at its next heartbeat, within 10 s)
        Awaitility.await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20))
            .until(() -> sessionsStarted(group) == 2);
    }

    /** StartLiveTail calls on the group, as the trail (log group trailwatch/audit) has them. */
    private static int sessionsStarted(final String group) {
        return logs.filterLogEvents(filter -> filter.logGroupName("trailwatch/audit")
            .startTime(Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli())
            .filterPattern("{ $.eventName = \"StartLiveTail\" && $.requestParameters.logGroupName = \"" + group
                + "\" }")).events().size();
    }

    @Test
    void aCallerWithoutLogsStartLiveTailIsRefused() throws Exception {
        final String group = "/it/" + UniqueNames.of("no-tail");
        logs.createLogGroup(create -> create.logGroupName(group));
        final CallerCredentials nobody = TestIdentity.credentials(TestIdentity.get().newUser(
            UniqueNames.of("no-policy"), null));
        try (Sse refused = Sse.open(group, "", nobody)) {
            assertThat(refused.response().statusCode()).isEqualTo(403);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> String.join("\n", refused.lines()).contains("logs:StartLiveTail"));
            assertThat(String.join("\n", refused.lines())).contains(TestIdentity.NAMES.logGroup(group));
        }
    }

    @Test
    void aTailOfAGroupThatDoesNotExistOrWithABadPatternIsRefused() throws Exception {
        try (Sse missing = Sse.open("/it/" + UniqueNames.of("missing"), "")) {
            assertThat(missing.response().statusCode()).isEqualTo(404);
        }
        final String group = "/it/" + UniqueNames.of("bad-pattern");
        logs.createLogGroup(create -> create.logGroupName(group));
        try (Sse bad = Sse.open(group, "{ $.x = ")) {
            assertThat(bad.response().statusCode()).isEqualTo(400);
        }
    }
}
