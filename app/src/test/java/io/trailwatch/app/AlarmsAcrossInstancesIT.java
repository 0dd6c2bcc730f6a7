package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.processors.alarm.topology.AlarmTopology;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Alarm states and history are held by the instance that evaluates each alarm; with two instances of the
 * application, either one answers DescribeAlarms and DescribeAlarmHistory whole, asking the other for its part; and
 * so for the log store's reads ({@link LogsAcrossInstances}).
 */
@Isolated("a second application reads the shared audit, metric, config and command topics: any test running "
    + "beside it would see its own alarms evaluated and its metrics counted twice")
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class AlarmsAcrossInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode ok(final String endpoint, final String... args) throws Exception {
        final String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--endpoint";
        all[args.length + 1] = endpoint;
        final CommandLineRunner run = CommandLineRunner.run(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(run.out());
    }

    @Test
    void eitherInstanceDescribesEveryAlarmAndItsHistory() throws Exception {
        // An application of this test's own: the shared instance that other tests use is never rebalanced.
        final String applicationId = UniqueNames.applicationId("trailwatch-it-spread");
        try (RunningTrailwatch first = RunningTrailwatch.instanceOf(applicationId)) {
            final String namespace = UniqueNames.of("Spread");
            final String prefix = UniqueNames.of("spread");
            final List<String> alarms = IntStream.range(0, 8).mapToObj(i -> prefix + "-" + i).toList();
            for (final String alarm : alarms) {
                ok(first.endpoint(), "put-metric-alarm", "--alarm-name", alarm, "--namespace", namespace,
                    "--metric-name", alarm, "--statistic", "Sum", "--period", "10", "--evaluation-periods", "1",
                    "--threshold", "1", "--comparison-operator", "GreaterThanThreshold", "--treat-missing-data", "ignore");
                ok(first.endpoint(), "set-alarm-state", "--alarm-name", alarm, "--state-value", "ALARM",
                    "--state-reason", "spread");
            }

            try (RunningTrailwatch secondInstance = RunningTrailwatch.instanceOf(applicationId)) {
                final ProcessorsRuntime runtime = secondInstance.runtime();
                // The alarms are now split between the instances.
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                    final List<Boolean> remote = new ArrayList<>();
                    for (final String alarm : alarms) {
                        remote.add(runtime.router().remoteOwner(AlarmTopology.STATUS_STORE, alarm,
                            new StringSerializer()).isPresent());
                    }
                    return remote.contains(true) && remote.contains(false);
                });

                LogsAcrossInstances.eitherInstanceReadsEveryStreamOfAGroup(first, secondInstance);
                InsightsAcrossInstances.eitherInstanceQueriesEveryStreamOfAGroup(first, secondInstance);
                for (final String endpoint : List.of(first.endpoint(), secondInstance.endpoint())) {
                    Awaitility.await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
                        final JsonNode described = ok(endpoint, "describe-alarms", "--alarm-name-prefix", prefix,
                            "--state-value", "ALARM");
                        assertThat(described.path("MetricAlarms").findValuesAsText("AlarmName"))
                            .containsExactlyInAnyOrderElementsOf(alarms);
                    });
                    for (final String alarm : alarms) {
                        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                            assertThat(ok(endpoint, "describe-alarm-history", "--alarm-name", alarm,
                                "--history-item-type", "StateUpdate").path("AlarmHistoryItems")
                                .findValuesAsText("HistorySummary"))
                                .contains("Alarm updated from INSUFFICIENT_DATA to ALARM"));
                    }
                }
            }
        }
    }
}
