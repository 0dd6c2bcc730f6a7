package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;

/**
 * Kafka is the log store's source of truth: an instance stopped and started again on an empty state directory
 * rebuilds its log store from Kafka, and a Logs Insights query then answers exactly what it answered before the
 * restart (no event lost, none doubled). A query that completes while the store is still being rebuilt must not
 * answer part of it: the first complete answer after the restart is checked, not one retried until it matches.
 */
@Isolated("an application of its own reads the shared audit, metric, config and command topics: any test running "
    + "beside it would see its own alarms evaluated and its metrics counted twice")
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class InsightsAfterRestartIT {

    private static final int STREAMS = 6;
    private static final int EVENTS_PER_STREAM = 60;
    private static final String STATS = "stats count(*) as n, sum(latency) as total, count_distinct(@logStream) as s";
    private static final String ERRORS = "filter @message like /ERROR/ | stats count(*) as errors by @logStream "
        + "| sort @logStream";

    @Test
    void aQueryAnswersTheSameAfterTheLogStoreIsRebuiltFromKafka() throws Exception {
        final String applicationId = UniqueNames.applicationId("trailwatch-it-insights-restart");
        final String group = "/it/" + UniqueNames.of("restart-insights");
        final long now = Instant.now().toEpochMilli();
        final Map<String, List<String>> expected = expected();
        final Map<String, List<String>> before;
        try (RunningTrailwatch instance = RunningTrailwatch.instanceOf(applicationId);
             CloudWatchLogsClient logs = AwsClients.logs(instance.endpoint(), TestIdentity.get().administrator())) {
            putEvents(logs, group, now);
            // PutLogEvents is on Kafka when it answers; the store takes it in shortly after
            before = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> answers(logs, group, now), expected::equals);
        }
        try (RunningTrailwatch restarted = RunningTrailwatch.instanceOf(applicationId);
             CloudWatchLogsClient logs = AwsClients.logs(restarted.endpoint(), TestIdentity.get().administrator())) {
            // retried only while no answer comes (store unavailable: 503, or a Failed query); the first is checked
            final Map<String, List<String>> after = Awaitility.await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> answers(logs, group, now),
                    answers -> true);
            assertThat(after).isEqualTo(before).isEqualTo(expected);
        }
    }

    /** Six streams of sixty events: every third an ERROR line, every other one a JSON line with a latency. */
    private static void putEvents(final CloudWatchLogsClient logs, final String group, final long now) {
        logs.createLogGroup(create -> create.logGroupName(group));
        for (int s = 0; s < STREAMS; s++) {
            final String stream = "s-" + s;
            logs.createLogStream(create -> create.logGroupName(group).logStreamName(stream));
            final List<InputLogEvent> events = IntStream.range(0, EVENTS_PER_STREAM).mapToObj(i ->
                InputLogEvent.builder().timestamp(now - EVENTS_PER_STREAM + i).message(message(stream, i)).build())
                .toList();
            logs.putLogEvents(put -> put.logGroupName(group).logStreamName(stream).logEvents(events));
        }
    }

    private static String message(final String stream, final int i) {
        if (i % 2 == 1) {
            return "{\"latency\": " + i + ", \"stream\": \"" + stream + "\"}";
        }
        return i % 3 == 0 ? "ERROR " + stream + " request " + i + " failed" : "INFO " + stream + " request " + i;
    }

    /** The answers worked out from the events generated, the brute force the queries must agree with. */
    private static Map<String, List<String>> expected() {
        final Map<String, List<String>> expected = new LinkedHashMap<>();
        final int latencySum = IntStream.range(0, EVENTS_PER_STREAM).filter(i -> i % 2 == 1).sum() * STREAMS;
        expected.put(STATS, List.of("n=" + STREAMS * EVENTS_PER_STREAM + ",total=" + latencySum + ",s=" + STREAMS));
        final long errors = IntStream.range(0, EVENTS_PER_STREAM).filter(i -> i % 2 == 0 && i % 3 == 0).count();
        expected.put(ERRORS, IntStream.range(0, STREAMS).mapToObj(s -> "@logStream=s-" + s + ",errors=" + errors)
            .toList());
        return expected;
    }

    /** Each query's rows, once it has completed; a query that does not complete is an exception (asked again). */
    private static Map<String, List<String>> answers(final CloudWatchLogsClient logs, final String group,
                                                     final long now) {
        final Map<String, List<String>> answers = new LinkedHashMap<>();
        for (final String query : List.of(STATS, ERRORS)) {
            final String queryId = logs.startQuery(start -> start.logGroupName(group).startTime(now / 1000 - 60)
                .endTime(now / 1000 + 60).queryString(query)).queryId();
            final GetQueryResultsResponse results = Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> logs.getQueryResults(get -> get.queryId(queryId)),
                    response -> response.status() != QueryStatus.RUNNING
                        && response.status() != QueryStatus.SCHEDULED);
            if (results.status() != QueryStatus.COMPLETE) {
                throw new IllegalStateException("query " + queryId + " ended " + results.status());
            }
            final List<String> rows = new ArrayList<>();
            results.results().forEach(row -> rows.add(String.join(",", row.stream()
                .map(field -> field.field() + "=" + field.value()).toList())));
            answers.put(query, rows);
        }
        return answers;
    }
}
