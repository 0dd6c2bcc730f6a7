package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.alarms.AlarmsFeature;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.processors.alarm.topology.AlarmTopology;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Alarm states and history are held by the instance that evaluates each alarm; with two instances of the
 * application, either one answers DescribeAlarms and DescribeAlarmHistory whole, asking the other for its part.
 */
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
        final RunningTrailwatch first = RunningTrailwatch.get();
        final String namespace = UniqueNames.of("Spread");
        final List<String> alarms = IntStream.range(0, 8).mapToObj(i -> UniqueNames.of("spread-" + i)).toList();
        for (final String alarm : alarms) {
            ok(first.endpoint(), "put-metric-alarm", "--alarm-name", alarm, "--namespace", namespace, "--metric-name",
                alarm, "--statistic", "Sum", "--period", "10", "--evaluation-periods", "1", "--threshold", "1",
                "--comparison-operator", "GreaterThanThreshold", "--treat-missing-data", "ignore");
            ok(first.endpoint(), "set-alarm-state", "--alarm-name", alarm, "--state-value", "ALARM",
                "--state-reason", "spread");
        }

        final int port = FreePorts.pick();
        try (ProcessorsRuntime runtime = new ProcessorsRuntime(new ProcessorsConfig(Map.of(
                ProcessorsConfig.BOOTSTRAP_SERVERS, first.infrastructure().bootstrapServers(),
                ProcessorsConfig.SCHEMA_REGISTRY_URL, first.infrastructure().registryUrl(),
                ProcessorsConfig.APPLICATION_ID, first.applicationId(),
                ProcessorsConfig.APPLICATION_SERVER, "localhost:" + port,
                ProcessorsConfig.STATE_DIR, Files.createTempDirectory("trailwatch-it-second").toString()))).start();
             AlarmsFeature feature = new AlarmsFeature(runtime, first.infrastructure().bootstrapServers(),
                 first.infrastructure().serdeContext());
             HttpApi http = HttpApi.start("127.0.0.1", port, List.of(), List.of(feature))) {
            final String second = "http://localhost:" + http.port();
            assertThat(runtime.awaitRunning(Duration.ofSeconds(120))).isTrue();
            // The alarms are now split between the instances.
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                final List<Boolean> remote = new ArrayList<>();
                for (final String alarm : alarms) {
                    remote.add(runtime.router().remoteOwner(AlarmTopology.STATUS_STORE, alarm, new StringSerializer())
                        .isPresent());
                }
                return remote.contains(true) && remote.contains(false);
            });

            for (final String endpoint : List.of(first.endpoint(), second)) {
                Awaitility.await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
                    final JsonNode described = ok(endpoint, "describe-alarms", "--alarm-name-prefix", "spread-",
                        "--state-value", "ALARM");
                    assertThat(described.path("MetricAlarms").findValuesAsText("AlarmName")).containsAll(alarms);
                });
                for (final String alarm : alarms) {
                    Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                        assertThat(ok(endpoint, "describe-alarm-history", "--alarm-name", alarm,
                            "--history-item-type", "StateUpdate").path("AlarmHistoryItems")
                            .findValuesAsText("HistorySummary")).contains("Alarm updated from INSUFFICIENT_DATA to ALARM"));
                }
            }
        }
    }
}
