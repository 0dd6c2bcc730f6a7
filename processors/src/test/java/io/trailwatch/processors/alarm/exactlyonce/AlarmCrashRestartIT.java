package io.trailwatch.processors.alarm.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.processors.testing.ProcessorsProcess;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A processor instance killed (SIGKILL: no close, no commit) in the middle of a stream of transitions, and started
 * again on the same state directory: no transition is repeated or lost, and no alarm's state is reset.
 */
class AlarmCrashRestartIT {

    private static final int PERIODS = 40;

    private final List<ProcessorsProcess> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(ProcessorsProcess::close);
    }

    @Test
    void aKilledInstanceRestartsWithoutRepeatingOrLosingATransition() throws Exception {
        final TestInfrastructure infrastructure = TestInfrastructure.get();
        TopicSetup.ensure(infrastructure.adminClient(), Topics.all());
        final List<String> alarms = IntStream.range(0, 4).mapToObj(i -> UniqueNames.of("crash-" + i)).toList();
        final Path stateDir = Files.createTempDirectory("alarm-crash-state");
        final String applicationId = UniqueNames.applicationId("alarm-crash");
        try (StatisticsFeed feed = new StatisticsFeed(infrastructure, UniqueNames.of("Crash"), alarms, PERIODS);
             DefinitionWriter writer = new DefinitionWriter(infrastructure.bootstrapServers(),
                 infrastructure.serdeContext())) {
            writer.put(feed.definitions());
            final ProcessorsProcess first = start(infrastructure, applicationId, stateDir);
            feed.start(500);
            final List<ConsumerRecord<String, AlarmStateChange>> beforeCrash = TransitionChains.await(infrastructure,
                alarms, 4, Duration.ofSeconds(120));

            first.kill();
            assertThat(TransitionChains.of(beforeCrash, alarms.get(0))).as("killed mid-stream").hasSizeLessThan(PERIODS);
            start(infrastructure, applicationId, stateDir);

            final List<ConsumerRecord<String, AlarmStateChange>> records = TransitionChains.await(infrastructure,
                alarms, PERIODS, Duration.ofSeconds(180));
            for (final String alarm : alarms) {
                TransitionChains.assertExactlyOnePerPeriod(TransitionChains.of(records, alarm), feed, PERIODS);
            }
        }
    }

    /** Starts the processors in a JVM of their own and waits until they run. */
    private ProcessorsProcess start(final TestInfrastructure infrastructure, final String applicationId,
                                    final Path stateDir) throws IOException {
        final ProcessorsProcess process = ProcessorsProcess.start(infrastructure, Map.of(
            ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.STATE_DIR, stateDir.toString(),
            // Each period is evaluated at its own end: the test's periods are recent but not current.
            ProcessorsConfig.ALARM_EVALUATION_DELAY_MS, "3600000"));
        processes.add(process);
        return process;
    }
}
