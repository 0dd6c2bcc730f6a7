package io.trailwatch.app.notify;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.notify.SubscriptionProtocol;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Notification topics and their subscriptions, as SNS keeps them, as definitions on the config topic: durable and
 * seen by every instance. As in SNS, creating a topic that exists returns it, deleting one that does not is not an
 * error, and subscribing an endpoint already subscribed returns its subscription.
 */
public final class NotificationTopics {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DefinitionStore definitions;
    private final Consumer<SubscriptionDefinition> confirmations;
    private final Clock clock;

    /** @param confirmations sends a pending subscription its SubscriptionConfirmation */
    public NotificationTopics(final DefinitionStore definitions, final Consumer<SubscriptionDefinition> confirmations,
                              final Clock clock) {
        this.definitions = definitions;
        this.confirmations = confirmations;
        this.clock = clock;
    }

    /** CreateTopic: the topic of that name, made when missing. */
    public NotificationTopicDefinition create(final String name, final String displayName) {
        NotificationTopicDefinition.requireName("Name", name);
        final Optional<NotificationTopicDefinition> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        final NotificationTopicDefinition topic = new NotificationTopicDefinition(name, clock.millis(), displayName);
        definitions.put(NotificationTopicDefinition.TYPE.entryOf(topic));
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

    /**
     * Subscribe: the endpoint's subscription to the topic, made when it has none. An http or https endpoint must
     * confirm it, as in SNS: it is sent a SubscriptionConfirmation with a token, and receives nothing else until
     * ConfirmSubscription presents that token (subscribing a pending endpoint again sends another); unless
     * {@code confirmationRequired} is false, for an endpoint that cannot confirm.
     */
    public SubscriptionDefinition subscribe(final String topicName, final String protocol, final String endpoint,
                                           final boolean confirmationRequired) {
        topic(topicName);
        final SubscriptionProtocol kind = SubscriptionProtocol.of("Protocol", protocol);
        kind.requireEndpoint("Endpoint", endpoint);
        final Optional<SubscriptionDefinition> existing = subscriptions(topicName).stream()
            .filter(subscription -> subscription.kind() == kind && subscription.endpoint().equals(endpoint))
            .findFirst();
        if (existing.isPresent()) {
            if (existing.get().pendingConfirmation()) {
                confirmations.accept(existing.get());
            }
            return existing.get();
        }
        final boolean pending = confirmationRequired && kind.confirms();
        final SubscriptionDefinition subscription = new SubscriptionDefinition(topicName,
            UUID.randomUUID().toString(), kind.id(), endpoint, clock.millis(), pending,
            pending ? newToken() : null);
        definitions.put(SubscriptionDefinition.TYPE.entryOf(subscription));
        if (pending) {
            confirmations.accept(subscription);
        }
        return subscription;
    }

    /**
     * ConfirmSubscription: the topic's pending subscription whose token this is, confirmed (one already confirmed
     * with it stays so); a token no subscription of the topic holds is refused.
     */
    public SubscriptionDefinition confirm(final String topicName, final String token) {
        topic(topicName);
        if (token == null || token.isEmpty()) {
            throw new InvalidRecordException("Token", "is required");
        }
        final byte[] given = token.getBytes(StandardCharsets.UTF_8);
        final SubscriptionDefinition pending = subscriptions(topicName).stream()
            .filter(subscription -> subscription.confirmationToken() != null && MessageDigest.isEqual(given,
                subscription.confirmationToken().getBytes(StandardCharsets.UTF_8)))
            .findFirst().orElseThrow(() -> new InvalidRecordException("Token", "Invalid token"));
        final SubscriptionDefinition confirmed = pending.confirmed();
        definitions.put(SubscriptionDefinition.TYPE.entryOf(confirmed));
        return confirmed;
    }

    /** 32 random bytes as hex: what only the endpoint is told. */
    private static String newToken() {
        final byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token);
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
        return NotificationTopicDefinition.TYPE.fromJson(entry.getDefinition());
    }

    private static SubscriptionDefinition subscription(final ConfigEntry entry) {
        return SubscriptionDefinition.TYPE.fromJson(entry.getDefinition());
    }
}
