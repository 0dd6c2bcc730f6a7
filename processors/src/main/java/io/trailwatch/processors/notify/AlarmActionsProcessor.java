package io.trailwatch.processors.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AlarmActionRun;
import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.topology.AlarmCommands;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.ParsedDefinitions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Runs the actions of each alarm state change, downstream of {@code trailwatch.alarms}: the new state's actions when
 * the alarm's actions are enabled (a muted transition waits for its release, which has the same id), or, for an
 * alarm that names no action at all, the deployment's default topic ({@value #DEFAULT_TOPIC}) when it exists. Running
 * an action that names one of the deployment's topics publishes to it: one {@link Notification} per subscription
 * (keyed by subscription). Every run, or failure to run, is told to the alarm's task as an action run for its
 * history, with CloudWatch's summary. Under exactly-once processing, each happens once per transition.
 */
final class AlarmActionsProcessor implements Processor<String, AlarmStateChange, String, Object> {

    /** The topic {@code trailwatch up --webhook-url} subscribes its webhook to, for alarms without actions. */
    static final String DEFAULT_TOPIC = DefaultTopic.NAME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationTopicArns arns;
    private final ParsedDefinitions<SubscriptionDefinition> subscriptions = TopicSubscriptions.parser();
    private final ParsedDefinitions<AlarmActions> metricAlarms = new ParsedDefinitions<>(
        json -> AlarmActions.of(MetricAlarmDefinition.TYPE.fromJson(json)));
    private final ParsedDefinitions<AlarmActions> compositeAlarms = new ParsedDefinitions<>(
        json -> AlarmActions.of(CompositeAlarmDefinition.TYPE.fromJson(json)));
    private ProcessorContext<String, Object> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;

    AlarmActionsProcessor(final NotificationTopicArns arns) {
        this.arns = arns;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
    }

    @Override
    public void process(final Record<String, AlarmStateChange> record) {
        final AlarmStateChange change = record.value();
        if (change == null || !change.getMutedBy().isEmpty() || !change.getConfiguration().getActionsEnabled()) {
            return;
        }
        final Optional<AlarmActions> actions = actions(change);
        if (actions.isEmpty()) {
            return; // deleted since: CloudWatch runs no action of a deleted alarm
        }
        final List<String> run = actions.get().none()
            ? TopicSubscriptions.exists(config, DEFAULT_TOPIC) ? List.of(arns.topic(DEFAULT_TOPIC)) : List.<String>of()
            : actions.get().of(change.getState().getValue());
        for (final String action : run) {
            runAction(record, change, actions.get(), action);
        }
    }

    private void runAction(final Record<String, AlarmStateChange> record, final AlarmStateChange change,
                           final AlarmActions actions, final String action) {
        final long now = context.currentSystemTimeMs();
        final Optional<String> topicName = arns.topicName(action);
        if (topicName.isEmpty()) {
            told(record, change, action, false, "Trailwatch runs notification topic actions (arn:aws:sns:"
                + arns.region() + ":" + arns.accountId() + ":<topic>) only", null, now);
            return;
        }
        if (!TopicSubscriptions.exists(config, topicName.get())) {
            told(record, change, action, false, "Resource not found: topic " + topicName.get() + " does not exist",
                null, now);
            return;
        }
        final String message = AlarmMessage.message(change, actions, arns.accountId(), arns.region());
        final String subject = AlarmMessage.subject(change, arns.region());
        final String timestamp = Instant.ofEpochMilli(now).toString();
        for (final SubscriptionDefinition subscription : TopicSubscriptions.confirmed(config, topicName.get(),
            subscriptions)) {
            final Notification notification = Notification.of(change.getId(), subscription, action,
                change.getAlarmName(), subject, message, timestamp);
            context.forward(record.withKey(notification.subscription()).withValue(notification));
        }
        told(record, change, action, true, null, message, now);
    }

    /** The action run, to the alarm's task (keyed by alarm name), which records it in the history. */
    private void told(final Record<String, AlarmStateChange> record, final AlarmStateChange change,
                      final String action, final boolean succeeded, final String error, final String message,
                      final long now) {
        final ObjectNode data = JSON.createObjectNode()
            .put("actionState", succeeded ? "Succeeded" : "Failed")
            .put("stateUpdateTimestamp", change.getState().getTimestamp().toEpochMilli())
            .put("transitionId", change.getId());
        final String summary;
        if (succeeded) {
            data.put("notificationResource", action).put("publishedMessage", message);
            summary = "Successfully executed action " + action;
        } else {
            data.put("error", error);
            summary = "Failed to execute action " + action + ". Received error: \"" + error + "\"";
        }
        final AlarmCommand command = AlarmCommands.actionRun(change.getAlarmName(), new AlarmActionRun(
            change.getId(), action, succeeded, summary, data.toString()), Instant.ofEpochMilli(now));
        context.forward(record.withKey(change.getAlarmName()).withValue(command));
    }

    private Optional<AlarmActions> actions(final AlarmStateChange change) {
        final boolean composite = "CompositeAlarm".equals(change.getAlarmType());
        final String key = (composite ? DefinitionKind.COMPOSITE_ALARM : DefinitionKind.METRIC_ALARM)
            .key(change.getAlarmName());
        final ConfigEntry entry = config.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        // Parsed once per definition, not per transition: parsing and checking it was a third of this processor.
        return Optional.of((composite ? compositeAlarms : metricAlarms).get(key, entry.getDefinition()));
    }
}
