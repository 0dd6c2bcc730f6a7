package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Logs Insights across instances: a group's streams kept by both instances, and a query started on either counts
 * every event once (each instance scans its partitions and the partial aggregates are merged); behind a load
 * balancer, its results, StopQuery and DescribeQueries are answered by the other instance too, and only to its
 * starter. Run by {@link AlarmsAcrossInstancesIT}, which has two instances of one application.
 */
final class InsightsAcrossInstances {

    private InsightsAcrossInstances() {
    }

    static void eitherInstanceQueriesEveryStreamOfAGroup(final RunningTrailwatch first,
                                                         final RunningTrailwatch second) {
        final String group = "/it/" + UniqueNames.of("spread-insights");
        final List<String> streams = IntStream.range(0, 8).mapToObj(i -> "s-" + i).toList();
        final long now = Instant.now().toEpochMilli();
        try (CloudWatchLogsClient a = AwsClients.logs(first.endpoint(), TestIdentity.get().administrator());
             CloudWatchLogsClient b = AwsClients.logs(second.endpoint(), TestIdentity.get().administrator())) {
            a.createLogGroup(create -> create.logGroupName(group));
            for (final String stream : streams) {
                a.createLogStream(create -> create.logGroupName(group).logStreamName(stream));
                a.putLogEvents(put -> put.logGroupName(group).logStreamName(stream).logEvents(
                    InputLogEvent.builder().timestamp(now - 2).message("ERROR in " + stream).build(),
                    InputLogEvent.builder().timestamp(now - 1).message("{\"latency\": " + stream.length() * 10
                        + "}").build()));
            }
            final Map<CloudWatchLogsClient, CloudWatchLogsClient> startedOnReadOn = Map.of(a, b, b, a);
            final Map<String, CloudWatchLogsClient> readOn = new HashMap<>();
            startedOnReadOn.forEach((starter, reader) -> Awaitility.await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions().untilAsserted(() -> {
                    final String queryId = starter.startQuery(query -> query.logGroupName(group)
                        .startTime(now / 1000 - 60).endTime(now / 1000 + 60)
                        .queryString("stats count(*) as n, sum(latency) as total, count_distinct(@logStream) as s"))
                        .queryId();
                    final GetQueryResultsResponse results = Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> reader.getQueryResults(get -> get.queryId(queryId)),
                            response -> response.status() != QueryStatus.RUNNING
                                && response.status() != QueryStatus.SCHEDULED);
                    assertThat(results.status()).isEqualTo(QueryStatus.COMPLETE);
                    assertThat(results.results().get(0)).extracting(field -> field.field() + "=" + field.value())
                        .containsExactly("n=16", "total=" + 8 * 30, "s=8");
                    assertThat(results.statistics().recordsScanned()).isEqualTo(16.0);
                    readOn.put(queryId, reader);
                }));
            for (final CloudWatchLogsClient client : List.of(a, b)) {
                assertThat(client.describeQueries(describe -> describe.logGroupName(group)).queries())
                    .extracting(QueryInfo::queryId, QueryInfo::status)
                    .containsAll(readOn.keySet().stream()
                        .map(queryId -> tuple(queryId, QueryStatus.COMPLETE)).toList());
            }
            // StopQuery of a finished query started elsewhere: found on its instance, and no longer running
            readOn.forEach((queryId, reader) -> assertThat(reader.stopQuery(stop -> stop.queryId(queryId)).success())
                .isFalse());
            onlyTheStarterSeesItsQueries(first, second, group, readOn.keySet());
        }
    }

    private static void onlyTheStarterSeesItsQueries(final RunningTrailwatch first, final RunningTrailwatch second,
                                                     final String group, final Set<String> queryIds) {
        final CallerCredentials reader = TestIdentity.credentials(TestIdentity.get().newUser(
            UniqueNames.of("spread-insights-reader"), ManagedPolicies.READ_ONLY_ACCESS));
        for (final RunningTrailwatch instance : List.of(first, second)) {
            try (CloudWatchLogsClient other = AwsClients.logs(instance.endpoint(), reader)) {
                for (final String queryId : queryIds) {
                    assertThatThrownBy(() -> other.getQueryResults(get -> get.queryId(queryId)))
                        .isInstanceOf(ResourceNotFoundException.class);
                    assertThatThrownBy(() -> other.stopQuery(stop -> stop.queryId(queryId)))
                        .isInstanceOf(ResourceNotFoundException.class);
                }
                assertThat(other.describeQueries(describe -> describe.logGroupName(group)).queries()).isEmpty();
            }
        }
    }
}
