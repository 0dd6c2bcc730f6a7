package io.trailwatch.processors.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.processors.notify.Notification;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.notify.TopicSubscriptions;
import io.trailwatch.schemas.Topics;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Puts each event in its EventBridge envelope, matches it against every enabled rule, and sends one copy per
 * target of each matching rule to the target's topic, keyed by the envelope id, with the rule's name in the
 * {@value Delivery#RULE_HEADER} header. A record that has no envelope (only custom events can be unreadable: they
 * are JSON text that a Kafka client may write around PutEvents) goes to the dead-letter topic with the reason, and
 * is counted.
 */
final class EventRuleProcessor<V> implements Processor<String, V, String, Delivery> {

    private final CompiledDefinitions<CompiledRule> rules;
    private final Function<V, ObjectNode> envelope;
    private final NotificationTopicArns topics;
    private final String entity;
    private final RuleMachine machine = new RuleMachine();
    private ProcessorContext<String, Delivery> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private Sensor matched;
    private Sensor unreadable;
    /** Whether a record may have no envelope (custom events' JSON text), which is then dead-lettered. */
    private final boolean mayBeUnreadable;

    EventRuleProcessor(final DefinitionsVersion version, final Function<V, ObjectNode> envelope, final String entity,
                       final boolean mayBeUnreadable, final NotificationTopicArns topics) {
        this.topics = topics;
        this.rules = new CompiledDefinitions<>(DefinitionKind.RULE, CompiledRule::compile, version);
        this.envelope = envelope;
        this.entity = entity;
        this.mayBeUnreadable = mayBeUnreadable;
    }

    @Override
    public void init(final ProcessorContext<String, Delivery> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
        this.matched = Counters.sensor(context, entity, "rule-matches");
        this.unreadable = Counters.sensor(context, entity, "unreadable-events");
    }

    @Override
    public void process(final Record<String, V> record) {
        final List<CompiledRule> current = rules.current(config);
        final boolean anyRule = machine.hasRules(current);
        if (record.value() == null || !anyRule && !mayBeUnreadable) {
            return;
        }
        final ObjectNode event = envelope.apply(record.value());
        if (event == null) {
            if (mayBeUnreadable) {
                deadLetter(record, record.value().toString(), EventEnvelopes.problem(record.value().toString()));
            }
            return;
        }
        if (!anyRule) {
            return;
        }
        final List<CompiledRule> matches = machine.matches(current, event);
        if (matches.isEmpty()) {
            return;
        }
        final String id = event.get("id").textValue();
        final String json = event.toString();
        for (final CompiledRule rule : matches) {
            matched.record();
            for (final RuleTarget target : rule.definition().allTargets()) {
                if (target.notificationTopic() != null) {
                    publish(record, rule.name(), target.notificationTopic(), id, json);
                } else {
                    context.forward(new Record<>(id, new Delivery(target.topic(), json), record.timestamp(),
                        headers(rule.name())));
                }
            }
        }
    }

    /**
     * An SNS target: the event, as the message, to each confirmed subscription of the notification topic (through
     * {@code trailwatch.notifications}, delivered once each); a topic that does not exist is dead-lettered with the
     * reason, as EventBridge counts a failed invocation.
     */
    private void publish(final Record<String, V> record, final String ruleName, final String topicName,
                         final String eventId, final String json) {
        if (!TopicSubscriptions.exists(config, topicName)) {
            deadLetter(record, json, "rule " + ruleName + ": notification topic " + topicName + " does not exist");
            return;
        }
        final String topicArn = topics.topic(topicName);
        for (final SubscriptionDefinition subscription : TopicSubscriptions.confirmed(config, topicName)) {
            final Notification notification = Notification.ofEvent(ruleName, eventId, subscription, topicArn, json,
                Instant.ofEpochMilli(context.currentSystemTimeMs()).toString());
            context.forward(new Record<>(subscription.name(), new Delivery(Topics.NOTIFICATIONS.name(),
                notification.toJson()), record.timestamp(), headers(ruleName)));
        }
    }

    private void deadLetter(final Record<String, V> record, final String text, final String reason) {
        unreadable.record();
        context.forward(new Record<>(record.key(), new Delivery(Topics.DEADLETTER.name(), text), record.timestamp(),
            DeadLetters.headers(context.recordMetadata().orElse(null), "InvalidEventEnvelope",
                reason == null ? "not an EventBridge event envelope" : reason)));
    }

    private static Headers headers(final String ruleName) {
        return new RecordHeaders().add(Delivery.RULE_HEADER, ruleName.getBytes(StandardCharsets.UTF_8));
    }
}
