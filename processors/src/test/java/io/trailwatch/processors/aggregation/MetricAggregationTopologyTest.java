package io.trailwatch.processors.aggregation;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricAggregationTopologyTest {

    private static final AggregationSettings SETTINGS = new AggregationSettings(Duration.ofSeconds(5),
        Duration.ofSeconds(1), List.of(60), List.of(1, 60));

    private final TopologyHarness harness = new TopologyHarness();
    private TestInputTopic<String, MetricDatum> metrics;
    private TestOutputTopic<String, MetricStatistics> stats;

    @BeforeEach
    void start() {
        harness.start(MetricAggregationTopology.build(harness.serdes(), SETTINGS));
        metrics = harness.input(Topics.METRICS);
        stats = harness.output(Topics.METRIC_STATS);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private static MetricDatum cpu(final Instant time, final double value) {
        return MetricDatum.newBuilder().setNamespace("AWS-Like/EC2").setMetricName("CPUUtilization")
            .setDimensions(List.of(new Dimension("InstanceId", "i-abc123"))).setTimestamp(time).setValue(value)
            .setUnit("Percent").build();
    }

    private Instant wallClock = START;

    /** Publishes as a live producer would: the wall clock has reached the datum's time. */
    private void publish(final MetricDatum datum) {
        publish(MetricIdentity.of(datum).key(), datum);
    }

    private void publish(final String key, final MetricDatum datum) {
        if (datum.getTimestamp().isAfter(wallClock)) {
            harness.driver().advanceWallClockTime(Duration.between(wallClock, datum.getTimestamp()));
            wallClock = datum.getTimestamp();
        }
        metrics.pipeInput(key, datum, datum.getTimestamp());
    }

    @Test
    void emitsOneStatisticPerPeriodOnlyWhenThePeriodCloses() {
        publish(cpu(START.plusSeconds(1), 90));
        publish(cpu(START.plusSeconds(20), 92));
        publish(cpu(START.plusSeconds(59), 70));
        publish(cpu(START.plusSeconds(64), 50)); // next period, but the first is still within grace
        assertThat(stats.isEmpty()).isTrue();

        publish(cpu(START.plusSeconds(66), 55)); // stream time passes 60 s + 5 s grace

        final List<MetricStatistics> emitted = stats.readValuesToList();
        assertThat(emitted).singleElement().satisfies(first -> {
            assertThat(first.getPeriodStart()).isEqualTo(START);
            assertThat(first.getPeriodSeconds()).isEqualTo(60);
            assertThat(first.getSampleCount()).isEqualTo(3.0);
            assertThat(first.getSum()).isEqualTo(252.0);
            assertThat(first.getMinimum()).isEqualTo(70.0);
            assertThat(first.getMaximum()).isEqualTo(92.0);
            assertThat(first.getAverage()).isEqualTo(84.0);
            assertThat(first.getUnit()).isEqualTo("Percent");
        });
    }

    @Test
    void closesTheLastPeriodOfAMetricThatStoppedReporting() {
        publish(cpu(START.plusSeconds(10), 42));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(stats.isEmpty()).isTrue();

        harness.driver().advanceWallClockTime(Duration.ofSeconds(26)); // wall clock at 66 s: past end + grace

        assertThat(stats.readValuesToList()).singleElement()
            .satisfies(last -> assertThat(last.getSum()).isEqualTo(42.0));
    }

    @Test
    void routesDataForAClosedPeriodToTheLateTopicWithTheReason() {
        publish(cpu(START.plusSeconds(10), 42));
        publish(cpu(START.plusSeconds(70), 43)); // closes [0, 60)

        publish(cpu(START.plusSeconds(30), 99)); // too late for [0, 60)

        final TestRecord<String, MetricDatum> late = harness.output(Topics.METRICS_LATE).readRecord();
        assertThat(late.value().getValue()).isEqualTo(99.0);
        assertThat(new String(late.headers().lastHeader(PeriodAggregator.LATE_REASON_HEADER).value()))
            .contains("period of 60 s ending " + START.plusSeconds(60));
        assertThat(stats.readValuesToList()).singleElement()
            .satisfies(first -> assertThat(first.getSum()).isEqualTo(42.0));
    }

    @Test
    void deadLettersAnInvalidDatumWithTheFieldAndReason() {
        final MetricDatum invalid = MetricDatum.newBuilder(cpu(START, 1)).setUnit("Furlongs").build();

        metrics.pipeInput("whatever", invalid, START);

        final var deadLetter = harness.driver().createOutputTopic(Topics.DEADLETTER.name(),
            Topics.DEADLETTER.keySerde(harness.serdes()).deserializer(),
            Topics.DEADLETTER.valueSerde(harness.serdes()).deserializer()).readRecord();
        assertThat(new String(deadLetter.headers().lastHeader("__streams.errors.message").value())).contains("Unit");
        assertThat(new String(deadLetter.headers().lastHeader("__streams.errors.topic").value())).isEqualTo(Topics.METRICS.name());
        assertThat(Topics.METRICS.valueSerde(harness.serdes()).deserializer()
            .deserialize(Topics.METRICS.name(), deadLetter.value())).isEqualTo(invalid);
    }

    @Test
    void aggregatesDatapointsKeyedOtherwiseUnderTheirMetricIdentity() {
        publish("host-1", cpu(START.plusSeconds(1), 10));
        publish("host-2", cpu(START.plusSeconds(2), 20));
        publish(cpu(START.plusSeconds(70), 1));

        final var emitted = stats.readKeyValuesToList();
        assertThat(emitted).singleElement().satisfies(first -> {
            assertThat(first.key).isEqualTo(MetricIdentity.of(cpu(START, 0)).key());
            assertThat(first.value.getSampleCount()).isEqualTo(2.0);
        });
    }

    @Test
    void aggregatesHighResolutionDataIntoSecondsAndMinutes() {
        final MetricDatum first = MetricDatum.newBuilder(cpu(START.plusMillis(100), 1)).setStorageResolution(1).build();
        final MetricDatum second = MetricDatum.newBuilder(cpu(START.plusMillis(1100), 2)).setStorageResolution(1).build();
        publish(first);
        publish(second);
        harness.driver().advanceWallClockTime(Duration.ofSeconds(70));

        assertThat(stats.readValuesToList()).extracting(MetricStatistics::getPeriodSeconds, MetricStatistics::getSum)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1.0), org.assertj.core.groups.Tuple.tuple(1, 2.0),
                org.assertj.core.groups.Tuple.tuple(60, 3.0));
    }

    @Test
    void rollsClosedPeriodsUpIntoLongerOnesWithoutCountingAnythingTwice() {
        harness.close();
        harness.start(MetricAggregationTopology.build(harness.serdes(), AggregationSettings.DEFAULTS));
        metrics = harness.input(Topics.METRICS);
        stats = harness.output(Topics.METRIC_STATS);
        final MetricDatum highResolution = MetricDatum.newBuilder(cpu(START.plusMillis(500), 1000))
            .setStorageResolution(1).build();
        publish(highResolution);
        double total = 0;
        for (int second = 1; second < 300; second += 7) {
            publish(cpu(START.plusSeconds(second), second));
            total += second;
        }
        harness.driver().advanceWallClockTime(Duration.ofSeconds(12)); // wall clock 306 s: past 300 s + grace
        final double expectedSum = total + 1000;

        final List<MetricStatistics> emitted = stats.readValuesToList();
        assertThat(emitted).filteredOn(s -> s.getPeriodSeconds() == 60).hasSize(5)
            .extracting(MetricStatistics::getPeriodStart)
            .containsExactly(START, START.plusSeconds(60), START.plusSeconds(120), START.plusSeconds(180),
                START.plusSeconds(240));
        assertThat(emitted).filteredOn(s -> s.getPeriodSeconds() == 300).singleElement().satisfies(fiveMinutes -> {
            assertThat(fiveMinutes.getSum()).isEqualTo(expectedSum);
            assertThat(fiveMinutes.getSampleCount()).isEqualTo(44.0);
            assertThat(fiveMinutes.getMaximum()).isEqualTo(1000.0);
        });
        assertThat(emitted).filteredOn(s -> s.getPeriodSeconds() < 60)
            .extracting(MetricStatistics::getPeriodSeconds, MetricStatistics::getSum)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, 1000.0),
                org.assertj.core.groups.Tuple.tuple(10, 1000.0), org.assertj.core.groups.Tuple.tuple(20, 1000.0),
                org.assertj.core.groups.Tuple.tuple(30, 1000.0));
        // Every period is emitted after all shorter periods it is built from.
        for (int i = 1; i < emitted.size(); i++) {
            final MetricStatistics earlier = emitted.get(i - 1);
            final MetricStatistics later = emitted.get(i);
            final long earlierEnd = earlier.getPeriodStart().toEpochMilli() + earlier.getPeriodSeconds() * 1000L;
            final long laterEnd = later.getPeriodStart().toEpochMilli() + later.getPeriodSeconds() * 1000L;
            assertThat(earlierEnd).isLessThanOrEqualTo(laterEnd);
        }
    }
}
