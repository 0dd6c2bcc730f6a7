package io.trailwatch.processors.alarm.topology;

import org.apache.kafka.common.serialization.Serde;

/**
 * The binary format of the alarm history store ({@link BinarySerde}): an item is written with every transition.
 * Items stored before, as JSON, are read as they were, so DescribeAlarmHistory answers the same across the upgrade.
 */
final class AlarmHistoryItemFormat {

    /** Format byte of a history item: version 1. */
    static final byte ITEM_V1 = 1;

    private AlarmHistoryItemFormat() {
    }

    static Serde<AlarmHistoryItem> serde() {
        return BinarySerde.of(AlarmHistoryItem.class, ITEM_V1, AlarmHistoryItemFormat::write,
            AlarmHistoryItemFormat::read);
    }

    static void write(final AlarmHistoryItem item, final BinaryOut out) {
        out.writeString(item.alarmName()).writeString(item.alarmType()).writeLong(item.timestampMs())
            .writeString(item.historyItemType()).writeString(item.historySummary()).writeString(item.historyData());
    }

    static AlarmHistoryItem read(final BinaryIn in) {
        return new AlarmHistoryItem(in.readString(), in.readString(), in.readLong(), in.readString(),
            in.readString(), in.readString());
    }
}
