package io.trailwatch.app.notify;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.ConfigFile;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.notify.SubscriptionProtocol;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Notification topics and their subscriptions, as SNS keeps them, as definitions on the config topic: durable and
 * seen by every instance. As in SNS, creating a topic that exists returns it, deleting one that does not is not an
 * error, and subscribing an endpoint already subscribed returns its subscription.
 */
public final class NotificationTopics {

    private final DefinitionStore definitions;
    private final Clock clock;

    public NotificationTopics(final DefinitionStore definitions, final Clock clock) {
        this.definitions = definitions;
        this.clock = clock;
    }

    /** CreateTopic: the topic of that name, made when missing. */
    public NotificationTopicDefinition create(final String name, final String displayName) {
        NotificationTopicDefinition.requireName("Name", name);
        final Optional<NotificationTopicDefinition> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        final NotificationTopicDefinition topic = new NotificationTopicDefinition(name, clock.millis(), displayName)
            .validate();
        definitions.put(ConfigFile.entry(DefinitionKind.NOTIFICATION_TOPIC, Definitions.toJson(topic)));
        return topic;
    }

    /** The topic of that name; NotFound when there is none. */
    public NotificationTopicDefinition topic(final String name) {
        return find(name).orElseThrow(() -> new ApiErrors.NotFound("Topic does not exist: " + name));
    }

    public Optional<NotificationTopicDefinition> find(final String name) {
        return definitions.get(DefinitionKind.NOTIFICATION_TOPIC, name).map(NotificationTopics::topic);
    }

    /** Every topic, by name. */
    public List<NotificationTopicDefinition> topics() {
        return definitions.list(DefinitionKind.NOTIFICATION_TOPIC).stream().map(NotificationTopics::topic).toList();
    }

    /** DeleteTopic: the topic and its subscriptions; nothing when there is no such topic. */
    public void delete(final String name) {
        NotificationTopicDefinition.requireName("TopicArn", name);
        // The subscriptions first: a delete interrupted midway leaves a topic to delete again, never orphans.
        for (final SubscriptionDefinition subscription : subscriptions(name)) {
            definitions.delete(DefinitionKind.SUBSCRIPTION, subscription.name());
        }
        definitions.delete(DefinitionKind.NOTIFICATION_TOPIC, name);
    }

    /** Subscribe: the endpoint's subscription to the topic, made when it has none. */
    public SubscriptionDefinition subscribe(final String topicName, final String protocol, final String endpoint) {
        topic(topicName);
        final SubscriptionProtocol kind = SubscriptionProtocol.of("Protocol", protocol);
        kind.requireEndpoint("Endpoint", endpoint);
        final Optional<SubscriptionDefinition> existing = subscriptions(topicName).stream()
            .filter(subscription -> subscription.kind() == kind && subscription.endpoint().equals(endpoint))
            .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        final SubscriptionDefinition subscription = new SubscriptionDefinition(topicName,
            UUID.randomUUID().toString(), kind.id(), endpoint, clock.millis()).validate();
        definitions.put(ConfigFile.entry(DefinitionKind.SUBSCRIPTION, Definitions.toJson(subscription)));
        return subscription;
    }

    /** Unsubscribe; NotFound when the topic has no such subscription. */
    public void unsubscribe(final String topicName, final String id) {
        if (!definitions.delete(DefinitionKind.SUBSCRIPTION, SubscriptionDefinition.namePrefix(topicName) + id)) {
            throw new ApiErrors.NotFound("Subscription does not exist: " + id + " of topic " + topicName);
        }
    }

    /** The topic's subscriptions, by id. */
    public List<SubscriptionDefinition> subscriptions(final String topicName) {
        return definitions.list(DefinitionKind.SUBSCRIPTION, SubscriptionDefinition.namePrefix(topicName)).stream()
            .map(NotificationTopics::subscription).toList();
    }

    private static NotificationTopicDefinition topic(final ConfigEntry entry) {
        return Definitions.fromJson(entry.getDefinition(), NotificationTopicDefinition.class);
    }

    private static SubscriptionDefinition subscription(final ConfigEntry entry) {
        return Definitions.fromJson(entry.getDefinition(), SubscriptionDefinition.class);
    }
}
