package io.trailwatch.processors.notify;

import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Alarm actions: each alarm state change through its alarm's actions ({@link AlarmActionsProcessor}) to
 * {@code trailwatch.notifications}, one message per subscription of each topic run, and the runs to
 * {@code trailwatch.alarm-commands} for the alarm history; both in the task's exactly-once transaction.
 */
public final class NotificationTopology {

    private NotificationTopology() {
    }

    /** @param alarms the state changes of {@code trailwatch.alarms} (the topology reads the topic once) */
    public static void addTo(final KStream<String, AlarmStateChange> alarms, final SerdeContext serdes,
                             final NotificationTopicArns arns) {
        final KStream<String, Object> runs = alarms.process(() -> new AlarmActionsProcessor(arns),
            Named.as("alarm-actions"));
        runs.filter((key, value) -> value instanceof Notification, Named.as("alarm-actions-notifications"))
            .mapValues(value -> ((Notification) value).toJson(), Named.as("alarm-actions-notification-json"))
            .to(Topics.NOTIFICATIONS.name(), Produced.with(Topics.NOTIFICATIONS.keySerde(serdes),
                Topics.NOTIFICATIONS.valueSerde(serdes)).withName("alarm-actions-notifications-sink"));
        runs.filter((key, value) -> value instanceof AlarmCommand, Named.as("alarm-actions-runs"))
            .mapValues(value -> (AlarmCommand) value, Named.as("alarm-actions-run-commands"))
            .to(Topics.ALARM_COMMANDS.name(), Produced.with(Topics.ALARM_COMMANDS.keySerde(serdes),
                Topics.ALARM_COMMANDS.valueSerde(serdes)).withName("alarm-actions-runs-sink"));
    }
}
