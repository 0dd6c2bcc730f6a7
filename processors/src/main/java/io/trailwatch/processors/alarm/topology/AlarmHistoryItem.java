package io.trailwatch.processors.alarm.topology;

/**
 * One entry of an alarm's history, as DescribeAlarmHistory returns it.
 *
 * @param alarmName       AlarmName
 * @param alarmType       AlarmType: MetricAlarm or CompositeAlarm
 * @param timestampMs     Timestamp
 * @param historyItemType HistoryItemType: StateUpdate, ConfigurationUpdate or Action
 * @param historySummary  HistorySummary, e.g. "Alarm updated from OK to ALARM"
 * @param historyData     HistoryData: JSON text
 */
public record AlarmHistoryItem(String alarmName, String alarmType, long timestampMs, String historyItemType,
                               String historySummary, String historyData) {

    public static final String STATE_UPDATE = "StateUpdate";
    public static final String CONFIGURATION_UPDATE = "ConfigurationUpdate";
    public static final String ACTION = "Action";
}
