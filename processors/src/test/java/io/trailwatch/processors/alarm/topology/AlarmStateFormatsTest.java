package io.trailwatch.processors.alarm.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.alarm.topology.AlarmStatus.ChildSnapshot;
import io.trailwatch.processors.alarm.topology.AlarmStatus.HeldTransition;
import io.trailwatch.processors.alarm.topology.AlarmStatus.StoredDatapoint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The binary formats of the alarm stores and of the alarm-inputs repartition topic: every field survives a round
 * trip, and values written before them as JSON (stores, changelogs and repartition records of an earlier version,
 * restored byte for byte) are still read, so an upgrade needs no migration step.
 */
class AlarmStateFormatsTest {

    private static final String TOPIC = "trailwatch-processors-alarm-status-changelog";

    /** A metric alarm's status as the JSON serde stored it before the binary format (captured from 29235dd). */
    private static final String LEGACY_STATUS = """
        {"alarmType":"MetricAlarm","createdMs":1700000000000,"definitionJson":"{\\"AlarmName\\":\\"cpu\\"}",\
        "metricSignature":"sig-1","state":"ALARM","reason":"Threshold Crossed","reasonData":"{\\"version\\":\\"1.0\\"}",\
        "stateTimestampMs":1700000060000,"evaluationState":null,"transitions":3,"lastEvaluatedMs":1700000060000,\
        "datapoints":{"1700000000000":{"value":99.5,"sampleCount":2.0},"1700000010000":{"value":null,\
        "sampleCount":1.0}},"children":{},"settleUntilMs":-9223372036854775808,"held":null}""";

    private static AlarmStatus metricStatus() {
        final TreeMap<Long, StoredDatapoint> datapoints = new TreeMap<>();
        datapoints.put(1_700_000_000_000L, new StoredDatapoint(99.5, 2));
        datapoints.put(1_700_000_010_000L, new StoredDatapoint(null, 1));
        return new AlarmStatus(AlarmStatus.METRIC_ALARM, 1_700_000_000_000L, "{\"AlarmName\":\"cpu\"}", "sig-1",
            AlarmStateValue.ALARM, "Threshold Crossed", "{\"version\":\"1.0\"}", 1_700_000_060_000L, null, 3,
            1_700_000_060_000L, datapoints, null, Long.MIN_VALUE, null);
    }

    private static AlarmStatus mutedComposite() {
        final TreeMap<String, ChildSnapshot> children = new TreeMap<>();
        children.put("child-ä", new ChildSnapshot(AlarmStateValue.OK, 5));
        children.put("child-b", new ChildSnapshot(AlarmStateValue.INSUFFICIENT_DATA, 6));
        return new AlarmStatus(AlarmStatus.COMPOSITE_ALARM, 1, "{\"AlarmRule\":\"ALARM(child-ä)\"}", null,
            AlarmStateValue.ALARM, "child-ä transitioned to ALARM", null, 7, AlarmStatus.PARTIAL_DATA, 12,
            Long.MIN_VALUE, null, children, 9,
            new HeldTransition("id-12", 12, AlarmStateValue.OK, "was OK", "{\"x\":1}", 4, List.of("nightly", "m2"),
                10));
    }

    private static <T> T roundTrip(final Serde<T> serde, final T value) {
        final byte[] bytes = serde.serializer().serialize(TOPIC, value);
        assertThat(bytes[0]).as("binary, not JSON").isNotEqualTo((byte) '{');
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    private static <T> T readLegacy(final Serde<T> serde, final Class<T> type, final T value) {
        final byte[] json = JsonSerde.of(type).serializer().serialize(TOPIC, value);
        assertThat(json[0]).isEqualTo((byte) '{');
        return serde.deserializer().deserialize(TOPIC, json);
    }

    @Test
    void statusesSurviveTheBinaryFormat() {
        final Serde<AlarmStatus> serde = AlarmStatusFormat.statusSerde();
        assertThat(roundTrip(serde, metricStatus())).isEqualTo(metricStatus());
        assertThat(roundTrip(serde, mutedComposite())).isEqualTo(mutedComposite());
        final AlarmStatus created = AlarmStatus.created(AlarmStatus.METRIC_ALARM, "{}", null, 3, Long.MIN_VALUE);
        assertThat(roundTrip(serde, created)).isEqualTo(created);
    }

    @Test
    void statusesStoredAsJsonBeforeAreStillRead() {
        final Serde<AlarmStatus> serde = AlarmStatusFormat.statusSerde();
        assertThat(new String(JsonSerde.of(AlarmStatus.class).serializer().serialize(TOPIC, metricStatus()),
            StandardCharsets.UTF_8)).as("the JSON format as it was").isEqualTo(LEGACY_STATUS);
        assertThat(serde.deserializer().deserialize(TOPIC, LEGACY_STATUS.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(metricStatus());
        assertThat(readLegacy(serde, AlarmStatus.class, mutedComposite())).isEqualTo(mutedComposite());
    }

    @Test
    void theBinaryStatusIsSmallerThanItsJson() {
        final int binary = AlarmStatusFormat.statusSerde().serializer().serialize(TOPIC, metricStatus()).length;
        final int json = JsonSerde.of(AlarmStatus.class).serializer().serialize(TOPIC, metricStatus()).length;
        assertThat(binary).isLessThan(json);
    }

    @Test
    void childStatesSurviveAndOldOnesAreRead() {
        final Serde<ChildSnapshot> serde = AlarmStatusFormat.childSerde();
        final ChildSnapshot child = new ChildSnapshot(AlarmStateValue.ALARM, 42);
        assertThat(roundTrip(serde, child)).isEqualTo(child);
        assertThat(serde.deserializer().deserialize(TOPIC,
            "{\"state\":\"ALARM\",\"timestampMs\":42}".getBytes(StandardCharsets.UTF_8))).isEqualTo(child);
    }

    @Test
    void everyAlarmInputSurvivesAndOldRepartitionRecordsAreRead() {
        final Serde<AlarmInput> serde = AlarmInputFormat.serde();
        final List<AlarmInput> inputs = List.of(
            new AlarmInput.Datapoint("sig", 10_000, 60, 1.5, 3),
            new AlarmInput.Datapoint("sig", 10_000, 10, null, 0),
            new AlarmInput.ChildState("child", AlarmStateValue.OK, 77),
            new AlarmInput.SetState("cmd-1", AlarmStateValue.ALARM, "testing", null),
            new AlarmInput.SetState("cmd-2", AlarmStateValue.OK, "back", "{\"a\":\"ü\"}"),
            new AlarmInput.DefinitionChanged("metric-alarm", "{\"AlarmName\":\"x\"}", 5),
            new AlarmInput.DefinitionChanged("composite-alarm", null, 6),
            new AlarmInput.ActionRun("t-1", "arn:aws:sns:us-east-1:1:t", false, "Failed", "{}", 8));
        for (final AlarmInput input : inputs) {
            assertThat(roundTrip(serde, input)).isEqualTo(input);
            assertThat(readLegacy(serde, AlarmInput.class, input)).isEqualTo(input);
        }
        assertThat(serde.deserializer().deserialize(TOPIC, ("{\"type\":\"datapoint\",\"signature\":\"sig\","
            + "\"periodStartMs\":10000,\"periodSeconds\":60,\"value\":1.5,\"sampleCount\":3.0}")
            .getBytes(StandardCharsets.UTF_8))).isEqualTo(inputs.get(0));
    }

    @Test
    void historyItemsSurviveAndOldOnesAreRead() {
        final Serde<AlarmHistoryItem> serde = AlarmHistoryItemFormat.serde();
        final AlarmHistoryItem item = new AlarmHistoryItem("cpu", AlarmStatus.METRIC_ALARM, 99,
            AlarmHistoryItem.STATE_UPDATE, "Alarm updated from OK to ALARM", "{\"version\":\"1.0\"}");
        assertThat(roundTrip(serde, item)).isEqualTo(item);
        assertThat(readLegacy(serde, AlarmHistoryItem.class, item)).isEqualTo(item);
    }

    @Test
    void aDamagedValueIsASerializationError() {
        final byte[] bytes = AlarmStatusFormat.statusSerde().serializer().serialize(TOPIC, metricStatus());
        final byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> AlarmStatusFormat.statusSerde().deserializer().deserialize(TOPIC, cut))
            .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> AlarmInputFormat.serde().deserializer().deserialize(TOPIC, new byte[] {9, 1}))
            .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> AlarmInputFormat.serde().deserializer().deserialize(TOPIC, new byte[] {1, 99}))
            .isInstanceOf(SerializationException.class);
    }
}
