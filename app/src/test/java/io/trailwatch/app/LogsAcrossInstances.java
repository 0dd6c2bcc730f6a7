package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.processors.logs.store.LogStores;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * The log store across instances: a group's streams are kept by the instances that hold their partitions, and
 * either instance answers GetLogEvents, FilterLogEvents and the stored bytes whole (run by
 * {@link AlarmsAcrossInstancesIT}, which has two instances of one application).
 */
final class LogsAcrossInstances {

    private LogsAcrossInstances() {
    }

    static void eitherInstanceReadsEveryStreamOfAGroup(final RunningTrailwatch first, final RunningTrailwatch second) {
        final String group = "/it/" + UniqueNames.of("spread-logs");
        final List<String> streams = IntStream.range(0, 8).mapToObj(i -> "s-" + i).toList();
        final ProcessorsRuntime runtime = second.runtime();
        // The log store's tasks move to the second instance on their own schedule (a warm-up replica first, then
        // a probing rebalance), not with the alarm store's: wait until its partitions are split too.
        Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            final List<Boolean> remote = streams.stream().map(stream -> runtime.router().remoteOwner(
                LogStores.EVENTS, LogStream.key(group, stream),
                Topics.LOGS.keySerde(first.infrastructure().serdeContext()).serializer()).isPresent()).toList();
            assertThat(remote).as("the streams are kept by both instances").contains(true, false);
        });
        final long now = Instant.now().toEpochMilli();
        long bytes = 0;
        try (CloudWatchLogsClient a = AwsClients.logs(first.endpoint(), TestIdentity.get().administrator());
             CloudWatchLogsClient b = AwsClients.logs(second.endpoint(), TestIdentity.get().administrator())) {
            a.createLogGroup(create -> create.logGroupName(group));
            for (final String stream : streams) {
                a.createLogStream(create -> create.logGroupName(group).logStreamName(stream));
                a.putLogEvents(put -> put.logGroupName(group).logStreamName(stream).logEvents(
                    InputLogEvent.builder().timestamp(now - 2).message("ERROR in " + stream).build(),
                    InputLogEvent.builder().timestamp(now - 1).message("INFO in " + stream).build()));
                bytes += ("ERROR in " + stream).length() + ("INFO in " + stream).length() + 2 * 26;
            }
            final long stored = bytes;
            for (final CloudWatchLogsClient client : List.of(a, b)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.describeLogGroups(describe -> describe.logGroupNamePrefix(group)).logGroups()
                        .get(0).storedBytes()).isEqualTo(stored));
                assertThat(client.filterLogEvents(filter -> filter.logGroupName(group).filterPattern("ERROR"))
                    .events()).extracting(FilteredLogEvent::message)
                    .containsExactlyElementsOf(streams.stream().map(stream -> "ERROR in " + stream).toList());
                for (final String stream : streams) {
                    assertThat(client.getLogEvents(get -> get.logGroupName(group).logStreamName(stream)
                        .startFromHead(true)).events()).extracting(OutputLogEvent::message)
                        .containsExactly("ERROR in " + stream, "INFO in " + stream);
                }
            }
        }
    }
}
