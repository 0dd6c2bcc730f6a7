package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;

/**
 * Logs Insights across instances: a group's streams kept by both instances, and a query started on either counts
 * every event once (each instance scans its partitions and the partial aggregates are merged). Run by
 * {@link AlarmsAcrossInstancesIT}, which has two instances of one application.
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
            for (final CloudWatchLogsClient client : List.of(a, b)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    final String queryId = client.startQuery(query -> query.logGroupName(group)
                        .startTime(now / 1000 - 60).endTime(now / 1000 + 60)
                        .queryString("stats count(*) as n, sum(latency) as total, count_distinct(@logStream) as s"))
                        .queryId();
                    final GetQueryResultsResponse results = Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> client.getQueryResults(get -> get.queryId(queryId)),
                            response -> response.status() != QueryStatus.RUNNING
                                && response.status() != QueryStatus.SCHEDULED);
                    assertThat(results.status()).isEqualTo(QueryStatus.COMPLETE);
                    assertThat(results.results().get(0)).extracting(field -> field.field() + "=" + field.value())
                        .containsExactly("n=16", "total=" + 8 * 30, "s=8");
                    assertThat(results.statistics().recordsScanned()).isEqualTo(16.0);
                });
            }
        }
    }
}
