package io.trailwatch.processors;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static io.trailwatch.processors.testing.TopologyHarness.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.ConfigFile;
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
            for (final DefinitionEntry entry : ConfigFile.parse(
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

    static final String ERRORS_ALARM = """
        metricAlarms:
          - alarmName: ErrorsTwoOfThree
            namespace: App
            metricName: Errors
            statistic: Sum
            period: 60
            evaluationPeriods: 3
            datapointsToAlarm: 2
            threshold: 10
            comparisonOperator: GreaterThanOrEqualToThreshold
            treatMissingData: notBreaching
          - alarmName: ErrorsLastMinute
            namespace: App
            metricName: Errors
            statistic: Sum
            period: 60
            evaluationPeriods: 1
            datapointsToAlarm: 1
            threshold: 40
            comparisonOperator: GreaterThanOrEqualToThreshold
            treatMissingData: notBreaching
        """;

    /**
     * CloudWatch evaluates over whatever data exists when it evaluates, so a late datapoint inside an alarm's
     * evaluation range counts, and one outside it changes nothing.
     */
    @Test
    void aLateDatapointInsideTheEvaluationRangeRaisesTheAlarmOnceAndOneOutsideItDoesNot() throws Exception {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.start(TrailwatchTopology.build(harness.serdes(), CONFIG));
            for (final DefinitionEntry entry : ConfigFile.parse(
                new ByteArrayInputStream(ERRORS_ALARM.getBytes(StandardCharsets.UTF_8)), "errors")) {
                harness.define(entry.kind(), entry.definitionJson());
            }
            final var metrics = harness.input(Topics.METRICS);
            final var alarms = harness.output(Topics.ALARMS);
            harness.driver().advanceWallClockTime(Duration.ofSeconds(5));
            metrics.pipeInput(errorsKey(), errors(START.plusSeconds(10), 30), START.plusSeconds(10)); // [0, 60)
            harness.driver().advanceWallClockTime(Duration.ofSeconds(61)); // 66 s: [0, 60) closes
            metrics.pipeInput(errorsKey(), errors(START.plusSeconds(70), 1), START.plusSeconds(70)); // [60, 120)
            harness.driver().advanceWallClockTime(Duration.ofSeconds(60)); // 126 s: [60, 120) closes
            assertThat(alarms.readValuesToList()).noneMatch(change -> change.getState().getValue() == AlarmStateValue.ALARM);

            // [60, 120) had 1 error; 20 more arrive late: 2 of the last 3 minutes now breach.
            metrics.pipeInput(errorsKey(), errors(START.plusSeconds(80), 20), START.plusSeconds(127));
            harness.driver().advanceWallClockTime(Duration.ofSeconds(1));
            // And 5 more: the alarm is in ALARM already; nothing is published again.
            metrics.pipeInput(errorsKey(), errors(START.plusSeconds(90), 5), START.plusSeconds(128));
            harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

            final List<AlarmStateChange> raised = alarms.readValuesToList().stream()
                .filter(change -> change.getState().getValue() == AlarmStateValue.ALARM).toList();
            assertThat(raised).singleElement().satisfies(change -> {
                assertThat(change.getAlarmName()).isEqualTo("ErrorsTwoOfThree");
                assertThat(change.getState().getReasonData()).contains("21.0").contains("30.0");
            });

            // [0, 60) gets 40 more (70): enough for ErrorsLastMinute, but its range is only [60, 120) now.
            metrics.pipeInput(errorsKey(), errors(START.plusSeconds(20), 40), START.plusSeconds(129));
            harness.driver().advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(alarms.readValuesToList()).noneMatch(change -> change.getState().getValue() == AlarmStateValue.ALARM);
        }
    }

    private static io.trailwatch.avro.MetricDatum errors(final java.time.Instant time, final double count) {
        return io.trailwatch.avro.MetricDatum.newBuilder().setNamespace("App").setMetricName("Errors")
            .setTimestamp(time).setValue(count).setUnit("Count").build();
    }

    private static String errorsKey() {
        return io.trailwatch.processors.metrics.MetricIdentity.of(errors(START, 0)).key();
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
