package io.trailwatch.processors.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A corrected period outlives its instance: after a restart on an empty state directory (everything restored from
 * the changelogs), the next late datapoint corrects the corrected statistics, not the first emission's.
 */
class LateCorrectionRestartIT {

    @Test
    void aCorrectionSurvivesARestart() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        TopicSetup.ensure(infrastructure.adminClient(), Topics.all());
        final String applicationId = UniqueNames.applicationId("late-restart");
        final String namespace = UniqueNames.of("Late");
        final Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        try (ProcessorsRuntime first = start(infrastructure, applicationId)) {
            publish(infrastructure, namespace, second.plusMillis(100), 1);
            awaitRevision(infrastructure, namespace, second, 0, 1.0);
            publish(infrastructure, namespace, second.plusMillis(200), 2); // its second closed 5 s ago
            awaitRevision(infrastructure, namespace, second, 1, 3.0);
        }
        try (ProcessorsRuntime restarted = start(infrastructure, applicationId)) {
            publish(infrastructure, namespace, second.plusMillis(300), 4);
            awaitRevision(infrastructure, namespace, second, 2, 7.0);
        }
    }

    private static ProcessorsRuntime start(final TestInfrastructure infrastructure, final String applicationId)
        throws Exception {
        final ProcessorsRuntime runtime = TrailwatchTopology.runtime(new ProcessorsConfig(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, infrastructure.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, infrastructure.registryUrl(),
            ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.STATE_DIR, Files.createTempDirectory("late-restart").toString())));
        runtime.start();
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(runtime::isRunning);
        return runtime;
    }

    private static void publish(final TestInfrastructure infrastructure, final String namespace, final Instant time,
                                final double value) {
        final MetricDatum datum = MetricDatum.newBuilder().setNamespace(namespace).setMetricName("Latency")
            .setDimensions(List.of(new Dimension("Host", "h1"))).setTimestamp(time).setValue(value)
            .setUnit("Milliseconds").setStorageResolution(1).build();
        infrastructure.produce(Topics.METRICS, MetricIdentity.of(datum).key(), datum);
    }

    /** Waits for the one-second period's statistics of that revision, and checks their sum. */
    private static void awaitRevision(final TestInfrastructure infrastructure, final String namespace,
                                      final Instant second, final int revision, final double sum) {
        final List<ConsumerRecord<String, MetricStatistics>> read = infrastructure.consumeUntil(Topics.METRIC_STATS,
            records -> records.stream().anyMatch(record -> matches(record.value(), namespace, second, revision)),
            Duration.ofSeconds(90));
        assertThat(read).filteredOn(record -> matches(record.value(), namespace, second, revision)).singleElement()
            .satisfies(record -> assertThat(record.value().getSum()).isEqualTo(sum));
    }

    private static boolean matches(final MetricStatistics statistics, final String namespace, final Instant second,
                                   final int revision) {
        return statistics.getNamespace().equals(namespace) && statistics.getPeriodSeconds() == 1
            && statistics.getPeriodStart().equals(second) && statistics.getRevision() == revision;
    }
}
