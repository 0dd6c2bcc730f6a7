package io.trailwatch.processors.alarm.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SetAlarmState: the state is set at once and holds until the next evaluation, as in CloudWatch. */
class SetAlarmStateTopologyTest {

    private final AlarmScenario scenario = new AlarmScenario();

    @AfterEach
    void close() {
        scenario.close();
    }

    @Test
    void setsTheStateUntilTheNextEvaluationOfAMetricAlarm() {
        scenario.start().metricAlarm("Cpu").advance(Duration.ofSeconds(65));
        assertThat(scenario.changesOf("Cpu")).extracting(change -> change.getState().getValue())
            .containsExactly(AlarmStateValue.OK);

        scenario.setState("Cpu", "ALARM", "testing the pager");

        final AlarmStateChange set = scenario.changesOf("Cpu").get(1);
        assertThat(set.getPreviousState().getValue()).isEqualTo(AlarmStateValue.OK);
        assertThat(set.getState().getValue()).isEqualTo(AlarmStateValue.ALARM);
        assertThat(set.getState().getReason()).isEqualTo("testing the pager");

        // The next evaluation is when the evaluation time (the wall clock less the 7 s delay) passes the next period
        // boundary: at 67 s.
        scenario.advance(Duration.ofSeconds(1));
        assertThat(scenario.changesOf("Cpu")).hasSize(2);
        scenario.advance(Duration.ofSeconds(1));
        final List<AlarmStateChange> changes = scenario.changesOf("Cpu");
        assertThat(changes).hasSize(3);
        assertThat(changes.get(2).getState().getValue()).isEqualTo(AlarmStateValue.OK);
        assertThat(changes.get(2).getState().getReason()).startsWith("Threshold Crossed: no datapoints were received");
    }

    @Test
    void aCompositeKeepsTheSetStateUntilAChildChanges() {
        scenario.start().metricAlarm("Disk").compositeAlarm("Storage", "ALARM(Disk)")
            .advance(Duration.ofSeconds(65)).tick(3);
        assertThat(scenario.changesOf("Storage")).extracting(change -> change.getState().getValue())
            .containsExactly(AlarmStateValue.OK);

        scenario.setState("Storage", "ALARM", "drill").advance(Duration.ofMinutes(3));
        assertThat(scenario.changesOf("Storage")).extracting(change -> change.getState().getValue())
            .containsExactly(AlarmStateValue.OK, AlarmStateValue.ALARM);

        // The child goes to ALARM (the composite already is), then back to OK when its datapoint leaves the range.
        scenario.sum("Disk", 4, 7).tick(1);
        assertThat(scenario.changesOf("Disk")).last()
            .satisfies(change -> assertThat(change.getState().getValue()).isEqualTo(AlarmStateValue.ALARM));
        scenario.advance(Duration.ofMinutes(4));
        assertThat(scenario.changesOf("Storage")).extracting(change -> change.getState().getValue())
            .containsExactly(AlarmStateValue.OK, AlarmStateValue.ALARM, AlarmStateValue.OK);
    }

    @Test
    void theSameStateIsNoTransition() {
        scenario.start().metricAlarm("Mem").advance(Duration.ofSeconds(65));

        scenario.setState("Mem", "OK", "already fine");

        assertThat(scenario.changesOf("Mem")).hasSize(1);
    }

    @Test
    void anInvalidRequestGoesToTheDeadLetterTopicWithTheReason() {
        scenario.start().metricAlarm("Net").advance(Duration.ofSeconds(65));

        scenario.setState("Net", "BROKEN", "typo");

        assertThat(scenario.changesOf("Net")).hasSize(1);
        final List<org.apache.kafka.streams.test.TestRecord<byte[], byte[]>> letters = scenario.harness().driver()
            .createOutputTopic(Topics.DEADLETTER.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(header(letter, "__streams.errors.topic")).isEqualTo(Topics.ALARM_COMMANDS.name());
            assertThat(header(letter, "__streams.errors.message"))
                .isEqualTo("StateValue: must be OK, ALARM or INSUFFICIENT_DATA, was 'BROKEN'");
        });
    }

    private static String header(final org.apache.kafka.streams.test.TestRecord<byte[], byte[]> record,
                                 final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
