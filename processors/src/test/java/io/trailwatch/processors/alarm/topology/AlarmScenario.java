package io.trailwatch.processors.alarm.topology;

import static io.trailwatch.processors.testing.TopologyHarness.START;

import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.AlarmDefinitionChange;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.alarm.AlarmNames;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.definitions.DefinitionTypes;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The alarm topology on a TopologyTestDriver, with helpers in the words of the tests: define alarms, publish a
 * period's statistic for a metric named like its alarm, move the wall clock, read the state changes.
 */
final class AlarmScenario implements AutoCloseable {

    static final AlarmSettings SETTINGS = new AlarmSettings(Duration.ofSeconds(7), Duration.ofSeconds(1), 1,
        Duration.ofSeconds(2), Duration.ofDays(30));

    private final TopologyHarness harness = new TopologyHarness();
    private final List<AlarmStateChange> changes = new ArrayList<>();
    private TestInputTopic<String, MetricStatistics> stats;
    private TestInputTopic<String, AlarmCommand> commands;
    private TestOutputTopic<String, AlarmStateChange> alarms;
    private Duration elapsed = Duration.ZERO;

    AlarmScenario start() {
        return start(SETTINGS);
    }

    AlarmScenario start(final AlarmSettings settings) {
        harness.start(AlarmTopology.build(harness.serdes(), settings));
        stats = harness.input(Topics.METRIC_STATS);
        commands = harness.input(Topics.ALARM_COMMANDS);
        alarms = harness.output(Topics.ALARMS);
        return this;
    }

    TopologyHarness harness() {
        return harness;
    }

    /**
     * A metric alarm on the metric of the same name (namespace Test): Sum over 60 s periods, at least 1 breaches,
     * M = N = 1, missing data not breaching.
     */
    AlarmScenario metricAlarm(final String name) {
        return define(DefinitionKind.METRIC_ALARM, """
            {"AlarmName": "%1$s", "Namespace": "Test", "MetricName": "%1$s", "Statistic": "Sum", "Period": 60,
             "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold",
             "TreatMissingData": "notBreaching"}""".formatted(name));
    }

    /** Defines as the DefinitionWriter does: on the config topic, and, for an alarm, with a notice of the change. */
    AlarmScenario define(final DefinitionKind kind, final String json) {
        harness.define(kind, json);
        if (AlarmNames.isAlarm(kind)) {
            final DefinitionEntry entry = DefinitionTypes.of(kind).entry(json);
            commands.pipeInput(entry.name(), new AlarmCommand(UUID.randomUUID().toString(), entry.name(), START, null,
                new AlarmDefinitionChange(kind.id(), entry.definitionJson(), now()), null));
        }
        return this;
    }

    AlarmScenario undefine(final DefinitionKind kind, final String name) {
        harness.undefine(kind, name);
        if (AlarmNames.isAlarm(kind)) {
            commands.pipeInput(name, new AlarmCommand(UUID.randomUUID().toString(), name, START, null,
                new AlarmDefinitionChange(kind.id(), null, now()), null));
        }
        return this;
    }

    /** The driver's wall clock. */
    Instant now() {
        return START.plus(elapsed);
    }

    AlarmScenario compositeAlarm(final String name, final String rule) {
        return define(DefinitionKind.COMPOSITE_ALARM, """
            {"AlarmName": "%s", "AlarmRule": "%s"}""".formatted(name, rule.replace("\"", "\\\"")));
    }

    /** The Sum of the alarm's metric over the 60 s period starting {@code minutesAfterStart} minutes after START. */
    AlarmScenario sum(final String metric, final int minutesAfterStart, final double sum) {
        final Instant periodStart = START.plus(Duration.ofMinutes(minutesAfterStart));
        stats.pipeInput(metric, MetricStatistics.newBuilder().setNamespace("Test").setMetricName(metric)
            .setDimensions(List.<Dimension>of()).setUnit("Count").setPeriodStart(periodStart).setPeriodSeconds(60)
            .setSampleCount(3).setSum(sum).setMinimum(0).setMaximum(sum).setAverage(sum / 3).build(), periodStart);
        return this;
    }

    AlarmScenario setState(final String alarm, final String state, final String reason) {
        commands.pipeInput(alarm, AlarmCommands.setState(alarm, state, reason, null, now()));
        return this;
    }

    AlarmScenario advance(final Duration duration) {
        harness.driver().advanceWallClockTime(duration);
        elapsed = elapsed.plus(duration);
        return this;
    }

    /**
     * Moves the wall clock second by second: the driver runs each punctuator once per move, and composites need a
     * few (children's states travel, then the settle time passes).
     */
    AlarmScenario tick(final int seconds) {
        for (int i = 0; i < seconds; i++) {
            advance(Duration.ofSeconds(1));
        }
        return this;
    }

    /** Every state change so far, in order. */
    List<AlarmStateChange> changes() {
        changes.addAll(alarms.readValuesToList());
        return List.copyOf(changes);
    }

    List<AlarmStateChange> changesOf(final String alarm) {
        return changes().stream().filter(change -> change.getAlarmName().equals(alarm)).toList();
    }

    AlarmStatus status(final String alarm) {
        final KeyValueStore<String, AlarmStatus> store = harness.driver().getKeyValueStore(AlarmTopology.STATUS_STORE);
        return store.get(alarm);
    }

    List<AlarmHistoryItem> history(final String alarm) {
        return AlarmHistory.items(harness.driver().getKeyValueStore(AlarmHistory.STORE), alarm, 0, Long.MAX_VALUE);
    }

    @Override
    public void close() {
        harness.close();
    }
}
