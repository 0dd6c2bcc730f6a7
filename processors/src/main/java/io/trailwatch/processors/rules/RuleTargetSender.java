package io.trailwatch.processors.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.ParsedDefinitions;
import io.trailwatch.processors.notify.Notification;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.notify.TopicSubscriptions;
import io.trailwatch.processors.rules.destinations.ApiDestinationInvocation;
import io.trailwatch.processors.rules.input.InputTransformer;
import io.trailwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Sends an event that a rule matched (or a scheduled rule's tick) to each of the rule's targets, as the target's
 * input makes it: one record to a Kafka topic target, keyed by the event id, with the rule's name in the
 * {@value Delivery#RULE_HEADER} header; one notification per confirmed subscription of a notification topic; one
 * invocation of an API destination; the last two through {@code trailwatch.notifications}, which the deliverer
 * delivers once each. A notification topic or API destination that does not exist is a dead letter with the reason,
 * as EventBridge counts a failed invocation.
 */
final class RuleTargetSender {

    private final NotificationTopicArns topics;
    private final ParsedDefinitions<SubscriptionDefinition> subscriptions = TopicSubscriptions.parser();

    RuleTargetSender(final NotificationTopicArns topics) {
        this.topics = topics;
    }

    /**
     * @param deadLetter takes the text that could not be delivered and why
     */
    void send(final ProcessorContext<String, Delivery> context, final ReadOnlyKeyValueStore<String, ConfigEntry> config,
              final RuleDefinition rule, final ObjectNode event, final long timestamp,
              final BiConsumer<String, String> deadLetter) {
        final String id = event.get("id").textValue();
        final long now = context.currentSystemTimeMs();
        final InputTransformer.Context variables = new InputTransformer.Context(rule.name(), "arn:aws:events:"
            + topics.region() + ":" + topics.accountId() + ":rule/" + rule.name(), Instant.ofEpochMilli(now)
            .toString());
        for (final RuleTarget target : rule.allTargets()) {
            final String input = target.inputFor(event, variables);
            if (target.notificationTopic() != null) {
                if (!TopicSubscriptions.exists(config, target.notificationTopic())) {
                    deadLetter.accept(input, "rule " + rule.name() + ": notification topic "
                        + target.notificationTopic() + " does not exist");
                    continue;
                }
                final String topicArn = topics.topic(target.notificationTopic());
                for (final SubscriptionDefinition subscription : TopicSubscriptions.confirmed(config,
                    target.notificationTopic(), subscriptions)) {
                    final Notification notification = Notification.ofEvent(rule.name(), id, subscription, topicArn,
                        input, Instant.ofEpochMilli(now).toString());
                    context.forward(new Record<>(subscription.name(), new Delivery(Topics.NOTIFICATIONS.name(),
                        notification.toJson()), timestamp, headers(rule.name())));
                }
            } else if (target.apiDestination() != null) {
                if (config.get(DefinitionKind.API_DESTINATION.key(target.apiDestination())) == null) {
                    deadLetter.accept(input, "rule " + rule.name() + ": API destination " + target.apiDestination()
                        + " does not exist");
                    continue;
                }
                // keyed by the destination: its invocations keep their order and its rate on one partition
                final TargetRetryPolicy retries = target.retries();
                context.forward(new Record<>(target.apiDestination(), new Delivery(Topics.NOTIFICATIONS.name(),
                    ApiDestinationInvocation.of(rule.name(), id, target.id(), target.apiDestination(), input, now,
                        retries.retries(), retries.maxAgeSeconds(), target.deadLetterTopic()).toJson()), timestamp,
                    headers(rule.name())));
            } else {
                context.forward(new Record<>(id, new Delivery(target.topic(), input), timestamp,
                    headers(rule.name())));
            }
        }
    }

    private static Headers headers(final String ruleName) {
        return new RecordHeaders().add(Delivery.RULE_HEADER, ruleName.getBytes(StandardCharsets.UTF_8));
    }
}
