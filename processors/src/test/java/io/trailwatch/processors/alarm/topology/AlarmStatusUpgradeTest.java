package io.trailwatch.processors.alarm.topology;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upgrade over stores written by the JSON version: the stored bytes (as a restore from the changelog leaves them)
 * are JSON, and the alarm carries on from them: its next transition starts from the stored state and continues its
 * transition count (so ids stay unique and deterministic), its old history is still listed, and its status is
 * rewritten in the binary format.
 */
class AlarmStatusUpgradeTest {

    private static final String NAME = "S3BucketDeleted";
    private static final AlarmSettings SETTINGS = new AlarmSettings(Duration.ofSeconds(7), Duration.ofSeconds(1), 1);
    private static final long CREATED_MS = START.toEpochMilli() - 86_400_000L;
    private static final long ENTERED_MS = START.toEpochMilli() - 3_600_000L;

    /** The alarm in ALARM after 4 transitions, as the JSON serde stored it (format of 29235dd). */
    private static final String LEGACY_STATUS = ("{\"alarmType\":\"MetricAlarm\",\"createdMs\":" + CREATED_MS
        + ",\"definitionJson\":\"{}\",\"metricSignature\":\"an older metric\",\"state\":\"ALARM\",\"reason\":"
        + "\"Threshold Crossed: stored by the JSON version\",\"reasonData\":null,\"stateTimestampMs\":" + ENTERED_MS
        + ",\"evaluationState\":null,\"transitions\":4,\"lastEvaluatedMs\":" + ENTERED_MS + ",\"datapoints\":{},"
        + "\"children\":{},\"settleUntilMs\":-9223372036854775808,\"held\":null}");

    private static final String LEGACY_HISTORY_ITEM = "{\"alarmName\":\"" + NAME + "\",\"alarmType\":\"MetricAlarm\","
        + "\"timestampMs\":" + ENTERED_MS + ",\"historyItemType\":\"StateUpdate\",\"historySummary\":"
        + "\"Alarm updated from OK to ALARM\",\"historyData\":\"{\\\"version\\\":\\\"1.0\\\"}\"}";

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void anAlarmStoredAsJsonCarriesOnFromItsStoredState() {
        harness.start(AlarmTopology.build(harness.serdes(), SETTINGS));
        final TestOutputTopic<String, AlarmStateChange> alarms = harness.output(Topics.ALARMS);
        harness.define(DefinitionKind.METRIC_ALARM, AlarmTopologyTest.BUCKET_DELETED);
        bytesOf(AlarmTopology.STATUS_STORE).put(key(NAME), LEGACY_STATUS.getBytes(StandardCharsets.UTF_8));
        final String historyKey = AlarmHistory.key(NAME, ENTERED_MS, 4, "1-state");
        bytesOf(AlarmHistory.STORE).put(key(historyKey), LEGACY_HISTORY_ITEM.getBytes(StandardCharsets.UTF_8));

        // No datapoint in the evaluated range and TreatMissingData notBreaching: back to OK.
        harness.driver().advanceWallClockTime(Duration.ofSeconds(65));

        final List<AlarmStateChange> changes = alarms.readValuesToList();
        assertThat(changes).singleElement().satisfies(ok -> {
            assertThat(ok.getPreviousState().getValue()).isEqualTo(AlarmStateValue.ALARM);
            assertThat(ok.getPreviousState().getReason()).isEqualTo("Threshold Crossed: stored by the JSON version");
            assertThat(ok.getPreviousState().getTimestamp().toEpochMilli()).isEqualTo(ENTERED_MS);
            assertThat(ok.getState().getValue()).isEqualTo(AlarmStateValue.OK);
            // The fifth transition of the alarm created at CREATED_MS (AlarmChanges.transitionId).
            assertThat(ok.getId()).isEqualTo(UUID.nameUUIDFromBytes((NAME + '\n' + CREATED_MS + "\n5\nOK")
                .getBytes(StandardCharsets.UTF_8)).toString());
        });
        final KeyValueStore<String, AlarmStatus> statuses = harness.driver().getKeyValueStore(
            AlarmTopology.STATUS_STORE);
        assertThat(statuses.get(NAME).transitions()).isEqualTo(5);
        assertThat(bytesOf(AlarmTopology.STATUS_STORE).get(key(NAME))[0]).as("rewritten in the binary format")
            .isEqualTo(AlarmStatusFormat.STATUS_V1);
        assertThat(AlarmHistory.items(harness.driver().getKeyValueStore(AlarmHistory.STORE), NAME, 0, Long.MAX_VALUE))
            .extracting(AlarmHistoryItem::historySummary)
            .containsExactly("Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK");
    }

    /** The store under its serde, caching and changelogging layers: the bytes a restore writes. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> bytesOf(final String store) {
        StateStore inner = (StateStore) harness.driver().getKeyValueStore(store);
        while (inner instanceof WrappedStateStore<?, ?, ?> wrapped) {
            inner = wrapped.wrapped();
        }
        return (KeyValueStore<Bytes, byte[]>) inner;
    }

    private static Bytes key(final String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }
}
