package io.trailwatch.processors;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static io.trailwatch.processors.testing.TopologyHarness.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.config.ConfigFile;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spine on one driver: a DeleteBucket call becomes an ALARM state change. */
class TrailwatchTopologyTest {

    /** One task owns every alarm on the driver, which has a single partition per topic. */
    private static final ProcessorsConfig CONFIG = new ProcessorsConfig(Map.of(
        ProcessorsConfig.BOOTSTRAP_SERVERS, "unused:9092",
        ProcessorsConfig.SCHEMA_REGISTRY_URL, "http://unused",
        ProcessorsConfig.ALARM_PARTITIONS, 1));

    static final String DEMO_CONFIG = """
        metricFilters:
          - filterName: DeleteBucket
            filterPattern: '{ $.eventName = "DeleteBucket" }'
            metricTransformations:
              - {metricName: DeleteBucketCount, metricNamespace: Security, metricValue: "1", unit: Count}
        metricAlarms:
          - alarmName: S3BucketDeleted
            namespace: Security
            metricName: DeleteBucketCount
            statistic: Sum
            period: 60
            evaluationPeriods: 1
            datapointsToAlarm: 1
            threshold: 1
            comparisonOperator: GreaterThanOrEqualToThreshold
            treatMissingData: notBreaching
        """;

    @Test
    void aDeleteBucketCallRaisesTheAlarm() throws Exception {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.start(TrailwatchTopology.build(harness.serdes(), CONFIG));
            for (final ConfigFile.Entry entry : ConfigFile.parse(
                new ByteArrayInputStream(DEMO_CONFIG.getBytes(StandardCharsets.UTF_8)), "demo")) {
                harness.define(entry.kind(), entry.definitionJson());
            }
            harness.driver().advanceWallClockTime(Duration.ofSeconds(5));

            harness.input(Topics.AUDIT).pipeInput("e1", auditEvent("DeleteBucket", START.plusSeconds(5)),
                START.plusSeconds(5));
            harness.driver().advanceWallClockTime(Duration.ofSeconds(62));

            final List<AlarmStateChange> changes = harness.output(Topics.ALARMS).readValuesToList();
            assertThat(changes).isNotEmpty();
            assertThat(changes.get(changes.size() - 1)).satisfies(last -> {
                assertThat(last.getAlarmName()).isEqualTo("S3BucketDeleted");
                assertThat(last.getState().getValue()).isEqualTo(AlarmStateValue.ALARM);
            });
        }
    }

    @Test
    void closedPeriodsAreQueryableFromTheStatisticsStores() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.start(TrailwatchTopology.build(harness.serdes(), CONFIG));
            final io.trailwatch.avro.MetricDatum datum = io.trailwatch.avro.MetricDatum.newBuilder()
                .setNamespace("App").setMetricName("Latency")
                .setDimensions(List.of(new io.trailwatch.avro.Dimension("Host", "h1")))
                .setTimestamp(START.plusMillis(300)).setValue(42.0).setUnit("Milliseconds").setStorageResolution(1).build();
            final String key = io.trailwatch.processors.metrics.MetricIdentity.of(datum).key();
            harness.input(Topics.METRICS).pipeInput(key, datum, START.plusMillis(300));
            harness.driver().advanceWallClockTime(Duration.ofSeconds(8));

            final var store = harness.driver().<String, io.trailwatch.avro.MetricStatistics>getWindowStore(
                io.trailwatch.processors.metrics.query.StatisticsStores.storeFor(1));
            try (var found = store.fetch(key, START.minusSeconds(10), START.plusSeconds(10))) {
                assertThat(found.hasNext()).isTrue();
                assertThat(found.next().value.getSum()).isEqualTo(42.0);
            }
        }
    }

    @Test
    void readsEachTopicThroughOneSourceSoNoRecordIsProcessedTwice() {
        final org.apache.kafka.streams.TopologyDescription description = description();
        final List<String> sourcedTopics = new java.util.ArrayList<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().stream()
            .filter(node -> node instanceof org.apache.kafka.streams.TopologyDescription.Source)
            .forEach(node -> sourcedTopics.addAll(((org.apache.kafka.streams.TopologyDescription.Source) node).topicSet())));

        assertThat(sourcedTopics).doesNotHaveDuplicates()
            .contains(Topics.AUDIT.name(), Topics.METRICS.name(), Topics.METRIC_STATS.name(), Topics.ALARMS.name());
    }

    @Test
    void namesEveryStoreAndTopicItselfSoAChangedTopologyKeepsItsState() {
        final org.apache.kafka.streams.TopologyDescription description = description();
        final List<String> names = new java.util.ArrayList<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof org.apache.kafka.streams.TopologyDescription.Processor processor) {
                names.addAll(processor.stores());
            } else if (node instanceof org.apache.kafka.streams.TopologyDescription.Source source) {
                names.addAll(source.topicSet());
            } else if (node instanceof org.apache.kafka.streams.TopologyDescription.Sink sink && sink.topic() != null) {
                names.add(sink.topic());
            }
        }));
        description.globalStores().forEach(store -> names.addAll(store.processor().stores()));

        // Generated names (KSTREAM-AGGREGATE-STATE-STORE-0000000012) number the nodes, so adding or removing any
        // node would rename a store's changelog or a repartition topic, and a restarted instance would lose state.
        assertThat(names).isNotEmpty().noneMatch(name -> name.matches(".*(KSTREAM|KTABLE)-.*"));
    }

    private static org.apache.kafka.streams.TopologyDescription description() {
        return TrailwatchTopology.build(new io.trailwatch.schemas.serde.SerdeContext(
            new io.trailwatch.schemas.registry.InMemorySchemaRegistry(), true), CONFIG).describe();
    }
}
