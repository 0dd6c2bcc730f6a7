package io.trailwatch.processors.aggregation;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.metrics.query.StatisticsRetention;
import io.trailwatch.processors.metrics.query.StatisticsStores;
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
        harness.start(MetricAggregationTopology.build(harness.serdes(), SETTINGS, StatisticsRetention.CLOUDWATCH));
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

    /** A restart or a consumer that fell behind reads old data: a pause in it does not close its periods early. */
    @Test
    void aBacklogThatPausesForAMomentIsNotClosedByTheWallClock() {
        final Instant backlog = START.minus(Duration.ofMinutes(30));
        metrics.pipeInput(MetricIdentity.of(cpu(backlog, 0)).key(), cpu(backlog.plusSeconds(1), 1), backlog);
        metrics.pipeInput(MetricIdentity.of(cpu(backlog, 0)).key(), cpu(backlog.plusSeconds(10), 2), backlog);
        harness.driver().advanceWallClockTime(Duration.ofSeconds(6)); // longer than the grace, nothing arrives
        metrics.pipeInput(MetricIdentity.of(cpu(backlog, 0)).key(), cpu(backlog.plusSeconds(20), 3), backlog);
        metrics.pipeInput(MetricIdentity.of(cpu(backlog, 0)).key(), cpu(backlog.plusSeconds(70), 4), backlog);

        assertThat(stats.readValuesToList()).singleElement().satisfies(minute -> {
            assertThat(minute.getPeriodStart()).isEqualTo(backlog);
            assertThat(minute.getSampleCount()).isEqualTo(3.0);
            assertThat(minute.getRevision()).isZero();
        });

        harness.driver().advanceWallClockTime(PeriodAggregator.BACKLOG_IDLE); // the backlog is over: idle now
        assertThat(stats.readValuesToList()).singleElement().satisfies(last -> assertThat(last.getSum()).isEqualTo(4.0));
    }

    @Test
    void correctsAClosedPeriodWithALateDatapointUnderTheNextRevision() {
        publish(cpu(START.plusSeconds(10), 42));
        publish(cpu(START.plusSeconds(70), 43)); // closes [0, 60)
        assertThat(stats.readValuesToList()).singleElement().satisfies(first -> {
            assertThat(first.getSum()).isEqualTo(42.0);
            assertThat(first.getRevision()).isZero();
        });

        publish(cpu(START.plusSeconds(30), 99)); // after [0, 60) closed
        assertThat(stats.isEmpty()).as("corrections are published on the next tick").isTrue();
        harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(stats.readValuesToList()).singleElement().satisfies(corrected -> {
            assertThat(corrected.getPeriodStart()).isEqualTo(START);
            assertThat(corrected.getRevision()).isEqualTo(1);
            assertThat(corrected.getSampleCount()).isEqualTo(2.0);
            assertThat(corrected.getSum()).isEqualTo(141.0);
            assertThat(corrected.getMaximum()).isEqualTo(99.0);
            assertThat(corrected.getMinimum()).isEqualTo(42.0);
        });
        assertThat(kept(60, START).getSum()).as("what queries read").isEqualTo(141.0);
        assertThat(harness.output(Topics.METRICS_LATE).isEmpty()).isTrue();
    }

    @Test
    void aBurstOfLateDatapointsForOnePeriodIsOneCorrectionPerTick() {
        publish(cpu(START.plusSeconds(10), 1));
        publish(cpu(START.plusSeconds(70), 1)); // closes [0, 60)
        stats.readValuesToList();

        for (int second = 0; second < 60; second++) {
            publish(cpu(START.plusSeconds(second), 2));
        }
        harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(stats.readValuesToList()).singleElement().satisfies(corrected -> {
            assertThat(corrected.getRevision()).isEqualTo(1);
            assertThat(corrected.getSampleCount()).isEqualTo(61.0);
            assertThat(corrected.getSum()).isEqualTo(121.0);
        });
        assertThat(harness.counter("corrected-periods")).isEqualTo(1.0);
    }

    @Test
    void aLatePeriodThatHadNoDataIsFirstPublishedByItsLateData() {
        publish(cpu(START.plusSeconds(10), 1));
        publish(cpu(START.plusSeconds(250), 1)); // closes [0, 60) .. [180, 240); [60, 240) had no data
        stats.readValuesToList();

        publish(cpu(START.plusSeconds(130), 7));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(stats.readValuesToList()).singleElement().satisfies(first -> {
            assertThat(first.getPeriodStart()).isEqualTo(START.plusSeconds(120));
            assertThat(first.getRevision()).isZero();
            assertThat(first.getSum()).isEqualTo(7.0);
        });
    }

    @Test
    void lateDataCorrectsEveryClosedRollUpAndJoinsTheOpenOnes() {
        harness.close();
        harness.start(MetricAggregationTopology.build(harness.serdes(), AggregationSettings.DEFAULTS,
            StatisticsRetention.CLOUDWATCH));
        metrics = harness.input(Topics.METRICS);
        stats = harness.output(Topics.METRIC_STATS);
        publish(cpu(START.plusSeconds(10), 10));
        publish(cpu(START.plusSeconds(400), 20)); // closes [0, 60) and [0, 300); [0, 3600) stays open
        stats.readValuesToList();

        publish(cpu(START.plusSeconds(200), 30));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(stats.readValuesToList()).extracting(MetricStatistics::getPeriodSeconds,
                MetricStatistics::getPeriodStart, MetricStatistics::getSum, MetricStatistics::getRevision)
            .containsExactlyInAnyOrder(tuple(60, START.plusSeconds(180), 30.0, 0), tuple(300, START, 40.0, 1));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(3600));
        assertThat(stats.readValuesToList()).filteredOn(s -> s.getPeriodSeconds() == 3600).singleElement()
            .satisfies(hour -> {
                assertThat(hour.getSum()).as("10 + 20 + 30, each once").isEqualTo(60.0);
                assertThat(hour.getSampleCount()).isEqualTo(3.0);
                assertThat(hour.getRevision()).isZero();
            });
    }

    @Test
    void correctsPercentilesOfAClosedPeriodWithinTheSketchsError() {
        final List<Double> values = new java.util.ArrayList<>();
        final java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            final double value = 1 + random.nextInt(1000);
            values.add(value);
            publish(cpu(START.plusMillis(i * 100L), value));
        }
        publish(cpu(START.plusSeconds(70), 1)); // closes [0, 60)
        for (int i = 0; i < 300; i++) {
            final double value = 5000 + random.nextInt(1000); // late, and all above the on-time ones
            values.add(value);
            publish(cpu(START.plusMillis(30_000 + i * 100L), value));
        }
        harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

        final MetricStatistics corrected = kept(60, START);
        final io.trailwatch.processors.metrics.MetricAggregate aggregate =
            io.trailwatch.processors.metrics.MetricAggregate.fromStatistics(corrected);
        final List<Double> sorted = values.stream().sorted().toList();
        for (final double p : new double[] {10, 50, 90, 99}) {
            final double exact = sorted.get((int) Math.ceil(p / 100 * sorted.size()) - 1);
            assertThat(aggregate.percentile(p).orElseThrow()).as("p%s", p)
                .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1));
        }
        assertThat(corrected.getSampleCount()).isEqualTo(600.0);
    }

    @Test
    void correctsHighResolutionDataOlderThanItsSecondsAreKeptInItsMinutesAndHours() {
        harness.close();
        harness.start(MetricAggregationTopology.build(harness.serdes(), AggregationSettings.DEFAULTS,
            StatisticsRetention.CLOUDWATCH));
        metrics = harness.input(Topics.METRICS);
        stats = harness.output(Topics.METRIC_STATS);
        final Instant now = START.plus(Duration.ofHours(5));
        publish(cpu(now, 1));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(10));
        stats.readValuesToList();

        final Instant fourHoursAgo = now.minus(Duration.ofHours(4)).plusSeconds(5);
        publish(MetricDatum.newBuilder(cpu(fourHoursAgo, 3)).setStorageResolution(1).build());
        harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

        // Seconds are kept for three hours; the minutes, five minutes and hours containing it still are.
        assertThat(stats.readValuesToList()).extracting(MetricStatistics::getPeriodSeconds)
            .containsExactlyInAnyOrder(60, 300, 3600);
    }

    @Test
    void correctsAPeriodThirteenDaysOld() {
        final Instant now = START.plus(Duration.ofDays(14));
        publish(cpu(now, 1));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(10));
        stats.readValuesToList();

        final Instant thirteenDaysAgo = now.minus(Duration.ofDays(13));
        publish(cpu(thirteenDaysAgo, 5));
        publish(cpu(thirteenDaysAgo.plusSeconds(1), 6));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(stats.readValuesToList()).singleElement().satisfies(period -> {
            assertThat(period.getPeriodStart()).isEqualTo(thirteenDaysAgo);
            assertThat(period.getSum()).isEqualTo(11.0);
        });
        assertThat(kept(60, thirteenDaysAgo).getSampleCount()).isEqualTo(2.0);
    }

    @Test
    void refusesDataOlderThanTwoWeeksOrMoreThanTwoHoursAheadWithTheReason() {
        final Instant now = START.plus(Duration.ofDays(15));
        publish(cpu(now, 1));

        metrics.pipeInput(MetricIdentity.of(cpu(START, 0)).key(), cpu(now.minus(Duration.ofDays(15)), 2), now);
        metrics.pipeInput(MetricIdentity.of(cpu(START, 0)).key(), cpu(now.plus(Duration.ofHours(3)), 3), now);

        final var deadLetters = harness.driver().createOutputTopic(Topics.DEADLETTER.name(),
            Topics.DEADLETTER.keySerde(harness.serdes()).deserializer(),
            Topics.DEADLETTER.valueSerde(harness.serdes()).deserializer()).readRecordsToList();
        assertThat(deadLetters).extracting(record ->
                new String(record.headers().lastHeader("__streams.errors.message").value()))
            .satisfiesExactly(old -> assertThat(old).contains("Timestamp").contains("more than two weeks before"),
                ahead -> assertThat(ahead).contains("Timestamp").contains("more than two hours after"));
    }

    @Test
    void routesDataNoKeptPeriodCanTakeToTheLateTopicWithTheReason() {
        harness.close();
        final StatisticsRetention short_ = new StatisticsRetention(Duration.ofMinutes(5), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(5));
        harness.start(MetricAggregationTopology.build(harness.serdes(), SETTINGS, short_));
        metrics = harness.input(Topics.METRICS);
        stats = harness.output(Topics.METRIC_STATS);
        publish(cpu(START.plusSeconds(3600), 1));
        harness.driver().advanceWallClockTime(Duration.ofSeconds(10));

        publish(cpu(START.plusSeconds(30), 99)); // an hour old; minutes are kept for five

        final TestRecord<String, MetricDatum> late = harness.output(Topics.METRICS_LATE).readRecord();
        assertThat(late.value().getValue()).isEqualTo(99.0);
        assertThat(new String(late.headers().lastHeader(PeriodAggregator.LATE_REASON_HEADER).value()))
            .contains("period of 60 s ending " + START.plusSeconds(60)).contains("is kept any more");
        assertThat(harness.counter("late-datapoints")).isEqualTo(1.0);
    }

    @Test
    void keepsStatisticsUntilTheirRetentionAndThenForgetsThem() {
        harness.close();
        final StatisticsRetention retention = new StatisticsRetention(Duration.ofHours(3), Duration.ofMinutes(10),
            Duration.ofDays(63), Duration.ofDays(455));
        harness.start(MetricAggregationTopology.build(harness.serdes(), SETTINGS, retention));
        metrics = harness.input(Topics.METRICS);
        publish(cpu(START.plusSeconds(1), 1));
        publish(cpu(START.plusSeconds(70), 1));
        assertThat(kept(60, START)).isNotNull();

        for (int minute = 2; minute <= 30; minute++) {
            publish(cpu(START.plusSeconds(60L * minute), minute));
        }

        assertThat(kept(60, START)).isNull();
        assertThat(kept(60, START.plusSeconds(60 * 25))).isNotNull();
    }

    private MetricStatistics kept(final int period, final Instant start) {
        final org.apache.kafka.streams.state.WindowStore<String, MetricStatistics> store = harness.driver()
            .getWindowStore(StatisticsStores.storeFor(period));
        return store.fetch(MetricIdentity.of(cpu(START, 0)).key(), start.toEpochMilli());
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
        harness.start(MetricAggregationTopology.build(harness.serdes(), AggregationSettings.DEFAULTS,
            StatisticsRetention.CLOUDWATCH));
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
