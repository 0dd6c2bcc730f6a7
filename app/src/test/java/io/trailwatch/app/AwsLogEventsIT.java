package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.testkit.UniqueNames;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The kept log events read back through the AWS SDK for Java v2 (awsJson 1.1) and the {@code /v1} API: GetLogEvents
 * paged forward and backward as CloudWatch pages, FilterLogEvents against a brute-force search of what was put,
 * the statistics DescribeLogStreams and DescribeLogGroups report, and retention taking events away.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsLogEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STORED = Duration.ofSeconds(30);

    private static String endpoint;
    private static TestIdentity identity;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        logs = AwsClients.logs(endpoint, identity.administrator());
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
    }

    /** A put event, as the brute force sees it. */
    private record Put(String stream, long timestamp, String message) {
    }

    private static String group(final String name) {
        final String group = "/it/" + UniqueNames.of(name);
        logs.createLogGroup(create -> create.logGroupName(group));
        return group;
    }

    private static void put(final String group, final String stream, final List<Put> events) {
        logs.createLogStream(create -> create.logGroupName(group).logStreamName(stream));
        logs.putLogEvents(put -> put.logGroupName(group).logStreamName(stream).logEvents(events.stream()
            .filter(event -> event.stream().equals(stream))
            .map(event -> InputLogEvent.builder().timestamp(event.timestamp()).message(event.message()).build())
            .toList()));
    }

    private static long size(final List<Put> events) {
        return events.stream().mapToLong(event -> event.message().getBytes(StandardCharsets.UTF_8).length + 26).sum();
    }

    /** Waits until the store holds what was put in the stream (its statistics say so). */
    private static LogStream awaitStored(final String group, final String stream, final long bytes) {
        return Awaitility.await().atMost(STORED).until(() -> logs.describeLogStreams(describe -> describe
                .logGroupName(group).logStreamNamePrefix(stream)).logStreams().get(0),
            described -> Objects.equals(described.storedBytes(), bytes));
    }

    @Test
    void getLogEventsPagesForwardAndBackwardAsCloudWatchDoesAndTheStatisticsAreReal() {
        final String group = group("paging");
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // 25 events a second apart, the 11th and 12th in the same millisecond
        final List<Put> events = IntStream.range(0, 25).mapToObj(i -> new Put("web-1",
            now.minusSeconds(25 - Math.min(i, 24) + (i == 11 ? 1 : 0)).toEpochMilli(), "line " + i)).toList();
        final Instant before = Instant.now();
        put(group, "web-1", events);
        final LogStream stream = awaitStored(group, "web-1", size(events));
        assertThat(stream.firstEventTimestamp()).isEqualTo(events.get(0).timestamp());
        assertThat(stream.lastEventTimestamp()).isEqualTo(events.get(24).timestamp());
        assertThat(stream.lastIngestionTime()).isBetween(before.toEpochMilli(), Instant.now().toEpochMilli());
        assertThat(logs.describeLogGroups(describe -> describe.logGroupNamePrefix(group)).logGroups().get(0)
            .storedBytes()).isEqualTo(size(events));
        final List<String> all = events.stream().map(Put::message).toList();

        // forward from the head, 10 at a time, until the same token comes back
        final List<String> forward = new ArrayList<>();
        GetLogEventsResponse page = logs.getLogEvents(get -> get.logGroupName(group).logStreamName("web-1")
            .startFromHead(true).limit(10));
        final List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.events().size());
            page.events().forEach(event -> forward.add(event.message()));
            final String token = page.nextForwardToken();
            assertThat(token).startsWith("f/");
            final GetLogEventsResponse next = logs.getLogEvents(get -> get.logGroupName(group)
                .logStreamName("web-1").limit(10).nextToken(token));
            if (next.events().isEmpty()) {
                assertThat(next.nextForwardToken()).isEqualTo(token);
                break;
            }
            page = next;
        }
        assertThat(forward).isEqualTo(all);
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(page.events()).extracting(OutputLogEvent::ingestionTime)
            .allSatisfy(time -> assertThat(time).isBetween(before.toEpochMilli(), stream.lastIngestionTime()));

        // backward from the tail (the default), each page in time order, until the same token comes back
        final List<List<String>> backward = new ArrayList<>();
        page = logs.getLogEvents(get -> get.logGroupName(group).logStreamName("web-1").limit(10));
        while (true) {
            backward.add(page.events().stream().map(OutputLogEvent::message).toList());
            final String token = page.nextBackwardToken();
            assertThat(token).startsWith("b/");
            final GetLogEventsResponse previous = logs.getLogEvents(get -> get.logGroupName(group)
                .logStreamName("web-1").limit(10).nextToken(token));
            if (previous.events().isEmpty()) {
                assertThat(previous.nextBackwardToken()).isEqualTo(token);
                break;
            }
            page = previous;
        }
        assertThat(backward).containsExactly(all.subList(15, 25), all.subList(5, 15), all.subList(0, 5));
        // and forward again from the oldest page
        assertThat(logs.getLogEvents(get -> get.logGroupName(group).logStreamName("web-1").limit(3)
            .nextToken(logs.getLogEvents(first -> first.logGroupName(group).logStreamName("web-1").startFromHead(true)
                .limit(2)).nextForwardToken())).events()).extracting(OutputLogEvent::message)
            .containsExactly("line 2", "line 3", "line 4");

        // a time range: startTime included, endTime excluded
        assertThat(logs.getLogEvents(get -> get.logGroupName(group).logStreamName("web-1").startFromHead(true)
            .startTime(events.get(3).timestamp()).endTime(events.get(6).timestamp())).events())
            .extracting(OutputLogEvent::message).containsExactly("line 3", "line 4", "line 5");

        assertThatThrownBy(() -> logs.getLogEvents(get -> get.logGroupName(group).logStreamName("web-9")))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("web-9");
        assertThatThrownBy(() -> logs.getLogEvents(get -> get.logGroupName(group + "-none").logStreamName("web-1")))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> logs.getLogEvents(get -> get.logGroupName(group).logStreamName("web-1")
            .limit(10_001))).isInstanceOf(InvalidParameterException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> logs.getLogEvents(get -> get.logGroupName(group).logStreamName("web-1")
            .nextToken("f/not-a-token"))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("nextToken");
    }

    @Test
    void filterLogEventsFindsWhatABruteForceSearchOfThePutEventsFinds() throws Exception {
        final String group = group("filter");
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        final List<Put> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            final String stream = "app-" + (i % 3);
            final long time = now.minusSeconds(120 - i).toEpochMilli() - (i % 3); // streams interleave
            final String message = i % 2 == 0
                ? "{\"status\": " + (i % 4 == 0 ? 500 : 200) + ", \"path\": \"/orders/" + i + "\"}"
                : (i % 5 == 0 ? "ERROR" : "INFO") + " request " + i + " took " + i + " ms";
            events.add(new Put(stream, time, message));
        }
        events.sort(Comparator.comparingLong(Put::timestamp));
        for (final String stream : List.of("app-0", "app-1", "app-2")) {
            put(group, stream, events);
            awaitStored(group, stream, size(events.stream().filter(event -> event.stream().equals(stream)).toList()));
        }

        for (final String pattern : List.of("ERROR", "{ $.status >= 500 }", "")) {
            final FilterPattern compiled = FilterPattern.parse(pattern);
            final List<Put> expected = events.stream()
                .filter(event -> compiled.match(event.message()).isPresent()).toList();
            assertThat(filterAll(group, pattern, 4)).as(pattern).containsExactlyElementsOf(expected);
        }
        assertThat(filterAll(group, "ERROR", 4)).hasSize(6);
        assertThat(filterAll(group, "{ $.status >= 500 }", 100)).hasSize(15);

        // by ARN, two named streams, a time range
        final long from = events.get(10).timestamp();
        final long to = events.get(40).timestamp();
        final FilterLogEventsResponse named = logs.filterLogEvents(filter -> filter
            .logGroupIdentifier("arn:aws:logs:us-east-1:000000000000:log-group:" + group)
            .logStreamNames("app-0", "app-2").startTime(from).endTime(to));
        assertThat(named.events()).extracting(FilteredLogEvent::message).containsExactlyElementsOf(events.stream()
            .filter(event -> !event.stream().equals("app-1") && event.timestamp() >= from && event.timestamp() < to)
            .map(Put::message).toList());
        assertThat(named.events()).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates();
        assertThat(named.nextToken()).isNull();
        assertThat(logs.filterLogEvents(filter -> filter.logGroupName(group).logStreamNamePrefix("app-1")).events())
            .extracting(FilteredLogEvent::logStreamName).containsOnly("app-1").hasSize(20);
        // the stream with the latest event first
        final String latest = events.get(events.size() - 1).stream();
        final var byLastEvent = logs.describeLogStreams(describe -> describe.logGroupName(group)
            .orderBy("LastEventTime").descending(true).limit(1));
        assertThat(byLastEvent.logStreams()).extracting(LogStream::logStreamName).containsExactly(latest);
        assertThat(logs.describeLogStreams(describe -> describe.logGroupName(group).orderBy("LastEventTime")
            .descending(true).nextToken(byLastEvent.nextToken())).logStreams()).hasSize(2)
            .extracting(LogStream::lastEventTimestamp).isSortedAccordingTo(Comparator.reverseOrder());
        assertThatThrownBy(() -> logs.describeLogStreams(describe -> describe.logGroupName(group)
            .orderBy("LastEventTime").logStreamNamePrefix("app"))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("logStreamNamePrefix");

        assertThatThrownBy(() -> logs.filterLogEvents(filter -> filter.logGroupName(group)
            .filterPattern("{ $.status >= }"))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("filterPattern");
        assertThatThrownBy(() -> logs.filterLogEvents(filter -> filter.logGroupName(group).logStreamNames("app-0")
            .logStreamNamePrefix("app"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.filterLogEvents(filter -> filter.logGroupName(group + "-none")))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> logs.filterLogEvents(filter -> filter
            .logGroupIdentifier("arn:aws:logs:eu-west-1:111111111111:log-group:" + group)))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logGroupIdentifier");
        assertThatThrownBy(() -> logs.filterLogEvents(filter -> filter.logGroupName(group)
            .logGroupIdentifier(group))).isInstanceOf(InvalidParameterException.class);

        // the same through the /v1 API
        final HttpResponse<String> v1 = identity.send("GET", endpoint + "/v1/log-events/filter?logGroupName="
            + URLEncoder.encode(group, StandardCharsets.UTF_8) + "&filterPattern=ERROR&logStreamNames=app-1"
            + "&logStreamNames=app-0", null);
        assertThat(v1.statusCode()).as(v1.body()).isEqualTo(200);
        final List<String> found = new ArrayList<>();
        JSON.readTree(v1.body()).path("events").forEach(event -> found.add(event.path("message").asText()));
        assertThat(found).containsExactlyElementsOf(filterAll(group, "ERROR", 100).stream()
            .filter(event -> !event.stream().equals("app-2")).map(Put::message).toList());
        final HttpResponse<String> bad = identity.send("GET", endpoint + "/v1/log-events?logGroupName="
            + URLEncoder.encode(group, StandardCharsets.UTF_8) + "&logStreamName=app-0&limit=ten", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("limit");
    }

    private static List<Put> filterAll(final String group, final String pattern, final int limit) {
        final List<Put> found = new ArrayList<>();
        String token = null;
        do {
            final String next = token;
            final FilterLogEventsResponse page = logs.filterLogEvents(filter -> filter.logGroupName(group)
                .filterPattern(pattern).limit(limit).nextToken(next));
            assertThat(page.events().size()).isLessThanOrEqualTo(limit);
            page.events().forEach(event -> found.add(new Put(event.logStreamName(), event.timestamp(),
                event.message())));
            token = page.nextToken();
        } while (token != null);
        return found;
    }

    @Test
    void retentionTakesExpiredEventsAwayFromQueriesAndFromDisk() {
        final String group = group("retention");
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        final List<Put> events = List.of(new Put("web-1", now.minus(Duration.ofDays(3)).toEpochMilli(), "old"),
            new Put("web-1", now.minus(Duration.ofDays(2)).toEpochMilli(), "older than a day"),
            new Put("web-1", now.minusSeconds(5).toEpochMilli(), "recent"));
        logs.createLogStream(create -> create.logGroupName(group).logStreamName("web-1"));
        // one call each: a PutLogEvents batch spans at most 24 hours
        events.forEach(event -> logs.putLogEvents(put -> put.logGroupName(group).logStreamName("web-1")
            .logEvents(InputLogEvent.builder().timestamp(event.timestamp()).message(event.message()).build())));
        awaitStored(group, "web-1", size(events));

        logs.putRetentionPolicy(retain -> retain.logGroupName(group).retentionInDays(1));

        Awaitility.await().atMost(STORED).untilAsserted(() -> assertThat(logs.getLogEvents(get -> get
            .logGroupName(group).logStreamName("web-1").startFromHead(true)).events())
            .extracting(OutputLogEvent::message).containsExactly("recent"));
        assertThat(logs.filterLogEvents(filter -> filter.logGroupName(group)).events())
            .extracting(FilteredLogEvent::message).containsExactly("recent");
        final LogStream stream = awaitStored(group, "web-1", size(events.subList(2, 3)));
        assertThat(stream.firstEventTimestamp()).isEqualTo(events.get(2).timestamp());
    }

    @Test
    void theCliReadsAndFollowsAGroupAsAwsLogsDoes() throws Exception {
        final String group = group("cli");
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        final List<Put> events = List.of(new Put("web-1", now.minusSeconds(3).toEpochMilli(), "ERROR first"),
            new Put("web-1", now.minusSeconds(2).toEpochMilli(), "INFO fine"));
        put(group, "web-1", events);
        awaitStored(group, "web-1", size(events));

        final CommandLineRunner get = CommandLineRunner.run("logs", "get-log-events", "--log-group-name", group,
            "--log-stream-name", "web-1", "--start-from-head", "--endpoint", endpoint);
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(JSON.readTree(get.out()).path("events").findValuesAsText("message"))
            .containsExactly("ERROR first", "INFO fine");
        final CommandLineRunner filter = CommandLineRunner.run("logs", "filter-log-events", "--log-group-name", group,
            "--filter-pattern", "ERROR", "--endpoint", endpoint);
        assertThat(filter.exitCode()).as(filter.err()).isZero();
        assertThat(JSON.readTree(filter.out()).path("events").findValuesAsText("message"))
            .containsExactly("ERROR first");
        final CommandLineRunner missing = CommandLineRunner.run("logs", "get-log-events", "--log-group-name", group,
            "--log-stream-name", "web-9", "--endpoint", endpoint);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("ResourceNotFound").contains("web-9");

        // tail --follow prints what is there, then each new matching event as it is kept
        final java.io.StringWriter out = new java.io.StringWriter();
        final picocli.CommandLine cli = Main.commandLine();
        cli.setDefaultValueProvider(option -> option.isOption()
            && "--credentials-file".equals(((picocli.CommandLine.Model.OptionSpec) option).longestName())
            ? TestIdentity.credentialsFileIfStarted().toString() : null);
        cli.setOut(new java.io.PrintWriter(out, true));
        final Thread follower = new Thread(() -> cli.execute("logs", "tail", group, "--follow", "--filter-pattern",
            "ERROR", "--since", "1h", "--endpoint", endpoint), "logs-tail");
        follower.setDaemon(true);
        follower.start();
        try {
            Awaitility.await().atMost(STORED).until(() -> out.toString().contains("web-1 ERROR first"));
            final long put = System.nanoTime();
            logs.putLogEvents(more -> more.logGroupName(group).logStreamName("web-1").logEvents(
                InputLogEvent.builder().timestamp(Instant.now().toEpochMilli()).message("INFO skipped").build(),
                InputLogEvent.builder().timestamp(Instant.now().toEpochMilli()).message("ERROR second").build()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> out.toString().contains("web-1 ERROR second"));
            System.out.printf("logs tail --follow printed a new event %d ms after PutLogEvents was called%n",
                (System.nanoTime() - put) / 1_000_000);
            assertThat(out.toString()).doesNotContain("INFO");
            assertThat(out.toString().lines().filter(line -> line.contains("ERROR first")).count()).isEqualTo(1);
        } finally {
            follower.interrupt();
            follower.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
