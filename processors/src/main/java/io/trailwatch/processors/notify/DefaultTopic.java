package io.trailwatch.processors.notify;

import io.trailwatch.processors.config.DefinitionEntry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The deployment's default notification topic, which every alarm that names no action at all publishes to:
 * {@code trailwatch up --webhook-url URL} makes it with one subscription, that URL, so that a single webhook still
 * receives every alarm's changes (and the demo's receiver prints them) while alarms with actions route their own.
 * The operator named the URL: it needs no confirmation.
 */
public final class DefaultTopic {

    public static final String NAME = "trailwatch-default";
    /** The one subscription's id, the same at every start: a new URL replaces the old one. */
    private static final String SUBSCRIPTION_ID = UUID.nameUUIDFromBytes(NAME.getBytes(StandardCharsets.UTF_8))
        .toString();

    private DefaultTopic() {
    }

    /** The topic and its subscription to the webhook, as definitions for the config topic. */
    public static List<DefinitionEntry> entries(final String webhookUrl, final long nowMs) {
        final String scheme = String.valueOf(URI.create(webhookUrl).getScheme()).toLowerCase(Locale.ROOT);
        return List.of(
            NotificationTopicDefinition.TYPE.entryOf(new NotificationTopicDefinition(NAME, nowMs, null)),
            SubscriptionDefinition.TYPE.entryOf(new SubscriptionDefinition(NAME,
                SUBSCRIPTION_ID, scheme, webhookUrl, nowMs, false, null)));
    }
}
