package io.trailwatch.processors.alarm.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alarms moving between instances: a second instance joins the application mid-stream (a rebalance hands it part
 * of the alarms), then the first leaves (the second takes all). No transition is repeated or lost, no state reset,
 * for metric alarms and for a composite whose child lives on another partition.
 */
class AlarmRebalanceIT {

    private static final int PERIODS = 40;

    private final List<ProcessorsRuntime> instances = new ArrayList<>();

    @AfterEach
    void close() {
        instances.forEach(ProcessorsRuntime::close);
    }

    @Test
    void alarmsMoveBetweenInstancesWithoutRepeatingOrLosingATransition() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        TopicSetup.ensure(infrastructure.adminClient(), Topics.all());
        final List<String> alarms = IntStream.range(0, 6).mapToObj(i -> UniqueNames.of("moving-" + i)).toList();
        final String composite = UniqueNames.of("moving-any");
        final String applicationId = UniqueNames.applicationId("alarm-rebalance");
        try (StatisticsFeed feed = new StatisticsFeed(infrastructure, UniqueNames.of("Rebalance"), alarms, PERIODS);
             DefinitionWriter writer = new DefinitionWriter(infrastructure.bootstrapServers(),
                 infrastructure.serdeContext())) {
            final List<DefinitionEntry> definitions = new ArrayList<>(feed.definitions());
            // One child, on a partition of its own: the composite must follow it transition for transition.
            definitions.add(CompositeAlarmDefinition.TYPE.entry("""
                {"AlarmName": "%s", "AlarmRule": "ALARM(%s)"}""".formatted(composite, alarms.get(0))));
            writer.put(definitions);

            final ProcessorsRuntime first = start(infrastructure, applicationId);
            // The composite's first evaluation (OK: its child has no data yet) ends its settle time; from then on
            // it evaluates each change of its child.
            infrastructure.consumeUntil(Topics.ALARMS, read -> !TransitionChains.of(read, composite).isEmpty(),
                Duration.ofSeconds(120));
            feed.start(500);
            TransitionChains.await(infrastructure, alarms, 4, Duration.ofSeconds(120));

            final ProcessorsRuntime second = start(infrastructure, applicationId);
            final List<ConsumerRecord<String, AlarmStateChange>> afterJoin = TransitionChains.await(infrastructure,
                alarms, 16, Duration.ofSeconds(120));
            assertThat(TransitionChains.of(afterJoin, alarms.get(0))).as("still mid-stream").hasSizeLessThan(PERIODS);
            assertThat(second.streams().metadataForLocalThreads()).as("the second instance took over some tasks")
                .anySatisfy(thread -> assertThat(thread.activeTasks()).isNotEmpty());

            first.close();
            instances.remove(first);
            final List<ConsumerRecord<String, AlarmStateChange>> records = TransitionChains.await(infrastructure,
                alarms, PERIODS, Duration.ofSeconds(180));

            for (final String alarm : alarms) {
                TransitionChains.assertExactlyOnePerPeriod(TransitionChains.of(records, alarm), feed, PERIODS);
            }
            // Its first OK, then one ALARM and one OK per pair of periods.
            final List<ConsumerRecord<String, AlarmStateChange>> withComposite = infrastructure.consumeUntil(
                Topics.ALARMS, read -> TransitionChains.of(read, composite).size() >= PERIODS + 1,
                Duration.ofSeconds(180));
            final List<AlarmStateChange> compositeChanges = TransitionChains.of(withComposite, composite);
            assertThat(compositeChanges).hasSize(PERIODS + 1);
            TransitionChains.assertChained(compositeChanges, PERIODS / 2);
        }
    }

    private ProcessorsRuntime start(final TestInfrastructure infrastructure, final String applicationId)
        throws Exception {
        final ProcessorsRuntime runtime = TrailwatchTopology.runtime(new ProcessorsConfig(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, infrastructure.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, infrastructure.registryUrl(),
            ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.STATE_DIR, Files.createTempDirectory("alarm-rebalance-state").toString(),
            // Each period is evaluated at its own end: the test's periods are recent but not current.
            ProcessorsConfig.ALARM_EVALUATION_DELAY_MS, 3_600_000L))).start();
        instances.add(runtime);
        assertThat(runtime.awaitRunning(Duration.ofSeconds(120))).as("instance running").isTrue();
        return runtime;
    }
}
