package io.trailwatch.sinks.archive;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.schemas.serde.SerdeContext;
import java.nio.charset.StandardCharsets;

/**
 * Alarm state changes as CloudWatch alarm history: each record is an {@code AlarmHistoryItem} of
 * DescribeAlarmHistory ({@code HistoryItemType: StateUpdate}, {@code HistoryData} as CloudWatch's JSON text), so the
 * evidence of what alarmed, when and why outlives the topic's retention.
 */
final class AlarmHistoryFormat implements ArchiveFormat {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WireFormatValues<AlarmStateChange> values;
    private final String account;
    private final String region;

    AlarmHistoryFormat(final SerdeContext serdes, final String account, final String region) {
        this.values = new WireFormatValues<>(serdes, AlarmStateChange.class);
        this.account = account;
        this.region = region;
    }

    @Override
    public String service() {
        return ArchiveFormat.serviceOf(ALARM_HISTORY);
    }

    @Override
    public String recordsField() {
        return "AlarmHistoryItems";
    }

    @Override
    public ArchivedRecord decode(final String topic, final byte[] value) {
        final AlarmStateChange change = values.read(topic, value);
        final ObjectNode data = NODES.objectNode();
        data.put("version", "1.0");
        data.set("oldState", state(change.getPreviousState()));
        data.set("newState", state(change.getState()));
        final ObjectNode item = NODES.objectNode();
        item.put("AlarmName", change.getAlarmName());
        item.put("AlarmType", change.getAlarmType());
        item.put("Timestamp", change.getState().getTimestamp().toString());
        item.put("HistoryItemType", "StateUpdate");
        item.put("HistorySummary", "Alarm updated from " + change.getPreviousState().getValue() + " to "
            + change.getState().getValue());
        item.put("HistoryData", data.toString());
        item.put("TransitionId", change.getId());
        return new ArchivedRecord(account, region, change.getState().getTimestamp(),
            item.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode state(final AlarmState state) {
        final ObjectNode node = NODES.objectNode();
        node.put("stateValue", state.getValue().name());
        node.put("stateReason", state.getReason());
        if (state.getReasonData() != null) {
            node.put("stateReasonData", state.getReasonData());
        }
        return node;
    }
}
