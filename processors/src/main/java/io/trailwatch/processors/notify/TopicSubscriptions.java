package io.trailwatch.processors.notify;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.ParsedDefinitions;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What a publication to a notification topic reaches, read from a processor's copy of the config: whether the topic
 * exists, and its confirmed subscriptions (as SNS, nothing is published to an endpoint that has not confirmed).
 */
public final class TopicSubscriptions {

    private TopicSubscriptions() {
    }

    public static boolean exists(final ReadOnlyKeyValueStore<String, ConfigEntry> config, final String topicName) {
        return config.get(DefinitionKind.NOTIFICATION_TOPIC.key(topicName)) != null;
    }

    /** What parses subscriptions for {@link #confirmed}: one per processor instance. */
    public static ParsedDefinitions<SubscriptionDefinition> parser() {
        return new ParsedDefinitions<>(SubscriptionDefinition.TYPE::fromJson);
    }

    /** The topic's confirmed subscriptions, by id. */
    public static List<SubscriptionDefinition> confirmed(final ReadOnlyKeyValueStore<String, ConfigEntry> config,
                                                         final String topicName,
                                                         final ParsedDefinitions<SubscriptionDefinition> parsed) {
        final List<SubscriptionDefinition> subscriptions = new ArrayList<>();
        try (KeyValueIterator<String, ConfigEntry> entries = config.prefixScan(DefinitionKind.SUBSCRIPTION.key(
            SubscriptionDefinition.namePrefix(topicName)), Serdes.String().serializer())) {
            entries.forEachRemaining((KeyValue<String, ConfigEntry> entry) -> {
                final SubscriptionDefinition subscription = parsed.get(entry.key, entry.value.getDefinition());
                if (!subscription.pendingConfirmation()) {
                    subscriptions.add(subscription);
                }
            });
        }
        return subscriptions;
    }
}
