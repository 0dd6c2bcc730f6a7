package io.trailwatch.processors.notify;

import static io.trailwatch.processors.config.DefinitionShapes.BOOLEAN;
import static io.trailwatch.processors.config.DefinitionShapes.LONG;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.regex.Pattern;

/**
 * A subscription of an endpoint to a notification topic, as SNS's Subscribe makes it.
 *
 * @param topicName    the topic it receives from
 * @param id           its id, unique within the topic: the last part of its ARN (a UUID)
 * @param protocol     {@code http}, {@code https}, {@code email}, {@code slack} or {@code pagerduty}
 *                     ({@link SubscriptionProtocol})
 * @param endpoint     the URL or address; a URL may carry a user and password (HTTP Basic, as SNS allows), which is
 *                     a secret: only {@link #displayedEndpoint()} is ever shown
 * @param creationTime when it was made, epoch milliseconds
 * @param pendingConfirmation whether it waits for its endpoint's confirmation (http and https, as SNS): until then
 *                     nothing is published to it
 * @param confirmationToken the token its confirmation must present (a secret: never answered); null once confirmed
 */
public record SubscriptionDefinition(String topicName, String id, String protocol, String endpoint,
                                     long creationTime, boolean pendingConfirmation, String confirmationToken) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a subscription (Subscribe)",
        optional("TopicName", STRING),
        optional("Id", STRING),
        optional("Protocol", STRING),
        optional("Endpoint", STRING),
        present("CreationTime", LONG),
        present("PendingConfirmation", BOOLEAN),
        optional("ConfirmationToken", STRING));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<SubscriptionDefinition> TYPE = DefinitionType.of(
        DefinitionKind.SUBSCRIPTION, SubscriptionDefinition.class, SHAPE, SubscriptionDefinition::name,
        SubscriptionDefinition::validate);

    /** Between the topic's name and the subscription's id in a definition's name: a topic name cannot hold it. */
    private static final char SEPARATOR = ':';
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    public SubscriptionDefinition validate() {
        NotificationTopicDefinition.requireName("TopicArn", topicName);
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRecordException("SubscriptionArn", "must end with a subscription id (a UUID)");
        }
        kind().requireEndpoint("Endpoint", endpoint);
        if (pendingConfirmation && (confirmationToken == null || confirmationToken.isEmpty())) {
            throw new InvalidRecordException("ConfirmationToken", "is required while the subscription is pending");
        }
        return this;
    }

    /** Confirmed: published to from now on. */
    public SubscriptionDefinition confirmed() {
        return new SubscriptionDefinition(topicName, id, protocol, endpoint, creationTime, false, null);
    }

    public SubscriptionProtocol kind() {
        return SubscriptionProtocol.of("Protocol", protocol);
    }

    /** The definition's name on the config topic: unique per topic and id, and prefixed by its topic's. */
    public String name() {
        return namePrefix(topicName) + id;
    }

    /** What the names of a topic's subscriptions start with. */
    public static String namePrefix(final String topicName) {
        return topicName + SEPARATOR;
    }

    /**
     * The endpoint as it may be shown: a password in a URL's user information replaced by {@code ****}, as SNS does;
     * a Slack webhook's path and a PagerDuty routing key masked ({@link SubscriptionProtocol#displayed}).
     */
    public String displayedEndpoint() {
        return kind().displayed(endpoint);
    }
}
