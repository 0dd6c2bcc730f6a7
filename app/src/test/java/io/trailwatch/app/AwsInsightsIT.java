package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.testkit.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.MalformedQueryException;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

/**
 * Logs Insights driven by the AWS SDK for Java v2 (StartQuery, GetQueryResults polled to Complete, DescribeQueries,
 * StopQuery) and by the {@code /v1/queries} routes, over events put through PutLogEvents, against the counts a
 * brute force over the put events gives.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsInsightsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter BIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
        .withZone(ZoneOffset.UTC);
    private static final String[] USERS = {"ann", "bob", "cho"};

    private static String endpoint;
    private static TestIdentity identity;
    private static CloudWatchLogsClient logs;
    private static String group;
    private static final List<Put> EVENTS = new ArrayList<>();
    private static long start;
    private static long end;

    /** A put event and what it says. */
    private record Put(String stream, long timestamp, String message, boolean error, String user, int took) {
    }

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        logs = AwsClients.logs(endpoint, identity.administrator());
        group = "/it/" + UniqueNames.of("insights");
        logs.createLogGroup(create -> create.logGroupName(group));
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 60; i++) {
            final long time = now.minusSeconds(1_800 - i * 29L).toEpochMilli();
            final boolean error = i % 3 == 0;
            final String user = USERS[i % USERS.length];
            final int took = 10 + i * 7 % 90;
            final String message = i % 2 == 0
                ? "{\"level\":\"" + (error ? "ERROR" : "INFO") + "\",\"user\":\"" + user + "\",\"took\":" + took + "}"
                : (error ? "ERROR" : "INFO") + " user=" + user + " took=" + took + "ms";
            EVENTS.add(new Put("app-" + i % 2, time, message, error, user, took));
        }
        for (final String stream : List.of("app-0", "app-1")) {
            logs.createLogStream(create -> create.logGroupName(group).logStreamName(stream));
            logs.putLogEvents(put -> put.logGroupName(group).logStreamName(stream).logEvents(EVENTS.stream()
                .filter(event -> event.stream().equals(stream))
                .map(event -> InputLogEvent.builder().timestamp(event.timestamp()).message(event.message()).build())
                .toList()));
        }
        final long bytes = EVENTS.stream().mapToLong(event -> event.message().getBytes(StandardCharsets.UTF_8).length
            + 26).sum();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> logs.describeLogGroups(describe -> describe
            .logGroupNamePrefix(group)).logGroups().get(0).storedBytes(), stored -> Objects.equals(stored, bytes));
        start = EVENTS.get(0).timestamp() / 1000;
        end = EVENTS.get(EVENTS.size() - 1).timestamp() / 1000;
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
    }

    private static GetQueryResultsResponse complete(final String queryId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> logs.getQueryResults(get -> get.queryId(queryId)),
                results -> results.status() == QueryStatus.COMPLETE);
    }

    private static GetQueryResultsResponse run(final String query) {
        final String queryId = logs.startQuery(q -> q.logGroupName(group).startTime(start).endTime(end)
            .queryString(query)).queryId();
        return complete(queryId);
    }

    private static Map<String, String> row(final List<ResultField> fields) {
        return fields.stream().collect(Collectors.toMap(ResultField::field, ResultField::value));
    }

    @Test
    void statsCountByBinMatchesTheEventsPut() {
        final GetQueryResultsResponse results = run("fields @timestamp, @message | filter @message like /ERROR/ "
            + "| stats count(*) by bin(5m)");
        final Map<String, Long> expected = EVENTS.stream().filter(Put::error).collect(Collectors.groupingBy(
            event -> BIN.format(Instant.ofEpochMilli(event.timestamp() / 300_000 * 300_000)), TreeMap::new,
            Collectors.counting()));
        final Map<String, Long> actual = new TreeMap<>();
        results.results().forEach(fields -> {
            final Map<String, String> row = row(fields);
            actual.put(row.get("bin(5m)"), Long.parseLong(row.get("count(*)")));
        });
        assertThat(actual).isEqualTo(expected);
        assertThat(results.statistics().recordsScanned()).isEqualTo((double) EVENTS.size());
        assertThat(results.statistics().recordsMatched()).isEqualTo((double) EVENTS.stream().filter(Put::error)
            .count());
        assertThat(results.statistics().bytesScanned()).isEqualTo((double) EVENTS.stream()
            .mapToLong(event -> event.message().getBytes(StandardCharsets.UTF_8).length + 26).sum());
    }

    @Test
    void parseExtractsFieldsFromPlainLinesAndJsonFieldsAreDiscovered() {
        final GetQueryResultsResponse parsed = run("parse @message \"user=* took=*ms\" as who, ms "
            + "| filter ispresent(ms) | stats sum(ms) as total, count(*) as n by who");
        final Map<String, Integer> expectedTotals = new HashMap<>();
        EVENTS.stream().filter(event -> !event.message().startsWith("{"))
            .forEach(event -> expectedTotals.merge(event.user(), event.took(), Integer::sum));
        final Map<String, Integer> totals = new HashMap<>();
        parsed.results().forEach(fields -> totals.put(row(fields).get("who"),
            Integer.parseInt(row(fields).get("total"))));
        assertThat(totals).isEqualTo(expectedTotals);

        final GetQueryResultsResponse json = run("filter level = 'ERROR' | stats max(took) as worst by user");
        final Map<String, Integer> expectedWorst = new HashMap<>();
        EVENTS.stream().filter(event -> event.message().startsWith("{") && event.error())
            .forEach(event -> expectedWorst.merge(event.user(), event.took(), Math::max));
        final Map<String, Integer> worst = new HashMap<>();
        json.results().forEach(fields -> worst.put(row(fields).get("user"), Integer.parseInt(row(fields)
            .get("worst"))));
        assertThat(worst).isEqualTo(expectedWorst);
    }

    @Test
    void rawResultsComeNewestFirstWithPtrAndQueriesAreDescribed() {
        final String queryId = logs.startQuery(q -> q.logGroupNames(group).startTime(start).endTime(end)
            .queryString("fields @timestamp, @message | sort @timestamp desc | limit 5")).queryId();
        final GetQueryResultsResponse results = complete(queryId);
        assertThat(results.results()).hasSize(5);
        assertThat(results.results().stream().map(fields -> row(fields).get("@message")).toList())
            .containsExactly(EVENTS.get(59).message(), EVENTS.get(58).message(), EVENTS.get(57).message(),
                EVENTS.get(56).message(), EVENTS.get(55).message());
        assertThat(results.results()).allSatisfy(fields -> assertThat(row(fields)).containsKeys("@timestamp",
            "@ptr"));
        assertThat(logs.describeQueries(describe -> describe.logGroupName(group)).queries())
            .anySatisfy(info -> {
                assertThat(info.queryId()).isEqualTo(queryId);
                assertThat(info.statusAsString()).isEqualTo("Complete");
            });
        assertThat(logs.stopQuery(stop -> stop.queryId(queryId)).success()).isFalse();
    }

    @Test
    void anotherUserCannotReadStopOrSeeAQueryItDidNotStart() {
        final String queryId = logs.startQuery(q -> q.logGroupName(group).startTime(start).endTime(end)
            .queryString("fields @message | limit 3")).queryId();
        assertThat(complete(queryId).results()).hasSize(3);
        final CallerCredentials reader = TestIdentity.credentials(identity.newUser(UniqueNames.of("insights-reader"),
            ManagedPolicies.READ_ONLY_ACCESS));
        try (CloudWatchLogsClient other = AwsClients.logs(endpoint, reader)) {
            assertThatThrownBy(() -> other.getQueryResults(get -> get.queryId(queryId)))
                .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> other.stopQuery(stop -> stop.queryId(queryId)))
                .isInstanceOf(ResourceNotFoundException.class);
            assertThat(other.describeQueries(describe -> describe.logGroupName(group)).queries())
                .noneSatisfy(info -> assertThat(info.queryId()).isEqualTo(queryId));
            final String own = other.startQuery(q -> q.logGroupName(group).startTime(start).endTime(end)
                .queryString("fields @message | limit 2")).queryId();
            assertThat(Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> other.getQueryResults(get -> get.queryId(own)),
                    results -> results.status() == QueryStatus.COMPLETE).results()).hasSize(2);
        }
        assertThat(logs.getQueryResults(get -> get.queryId(queryId)).results()).hasSize(3);
    }

    @Test
    void badQueriesAndParametersAreRefusedWithAwsErrors() {
        assertThatThrownBy(() -> logs.startQuery(q -> q.logGroupName(group).startTime(start).endTime(end)
            .queryString("fields @message\n| filter status >")))
            .isInstanceOf(MalformedQueryException.class).hasMessageContaining("line 2, column 18");
        assertThatThrownBy(() -> logs.startQuery(q -> q.logGroupName(group + "-none").startTime(start).endTime(end)
            .queryString("fields @message"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> logs.startQuery(q -> q.logGroupName(group).startTime(end).endTime(start)
            .queryString("fields @message"))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("endTime");
        assertThatThrownBy(() -> logs.startQuery(q -> q.logGroupName(group).startTime(start).endTime(end)
            .limit(10_001).queryString("fields @message"))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("limit");
        assertThatThrownBy(() -> logs.getQueryResults(get -> get.queryId("no-such-query")))
            .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theNativeRoutesAnswerInGetQueryResultsShape() throws Exception {
        final HttpResponse<String> started = identity.send("POST", endpoint + "/v1/queries", JSON.createObjectNode()
            .put("startTime", start).put("endTime", end).put("queryString", "stats count(*) as n by @logStream")
            .put("limit", 100).set("logGroupNames", JSON.createArrayNode().add(group)).toString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        final String queryId = JSON.readTree(started.body()).path("queryId").asText();
        final JsonNode results = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(
            identity.send("GET", endpoint + "/v1/queries/" + queryId, null).body()),
            body -> body.path("status").asText().equals("Complete"));
        final Map<String, Long> counts = new HashMap<>();
        results.path("results").forEach(fields -> {
            final Map<String, String> row = new HashMap<>();
            fields.forEach(field -> row.put(field.path("field").asText(), field.path("value").asText()));
            counts.put(row.get("@logStream"), Long.parseLong(row.get("n")));
        });
        assertThat(counts).containsOnly(Map.entry("app-0", 30L), Map.entry("app-1", 30L));
        assertThat(results.path("statistics").path("recordsScanned").asDouble()).isEqualTo(EVENTS.size());

        final HttpResponse<String> malformed = identity.send("POST", endpoint + "/v1/queries", JSON.createObjectNode()
            .put("logGroupName", group).put("startTime", start).put("endTime", end).put("queryString", "stats")
            .toString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("MalformedQueryException").contains("line 1, column 6");
        assertThat(identity.send("DELETE", endpoint + "/v1/queries/" + queryId, null).body())
            .contains("\"success\":false");
    }

    @Test
    void theCliStartsAQueryAndReadsItsResults() throws Exception {
        final CommandLineRunner started = CommandLineRunner.run("logs", "start-query", "--log-group-names", group,
            "--start-time", Long.toString(start), "--end-time", Long.toString(end), "--query-string",
            "filter @message like /ERROR/ | stats count(*) as errors", "--endpoint", endpoint);
        assertThat(started.exitCode()).as(started.err()).isZero();
        final String queryId = JSON.readTree(started.out()).path("queryId").asText();
        final JsonNode results = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(
            CommandLineRunner.run("logs", "get-query-results", "--query-id", queryId, "--endpoint", endpoint).out()),
            body -> body.path("status").asText().equals("Complete"));
        assertThat(results.path("results").path(0).path(0).path("value").asText())
            .isEqualTo(Long.toString(EVENTS.stream().filter(Put::error).count()));
        final CommandLineRunner malformed = CommandLineRunner.run("logs", "start-query", "--log-group-name", group,
            "--start-time", Long.toString(start), "--end-time", Long.toString(end), "--query-string", "limit x",
            "--endpoint", endpoint);
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.err()).contains("MalformedQueryException").contains("line 1, column 7");
    }
}
