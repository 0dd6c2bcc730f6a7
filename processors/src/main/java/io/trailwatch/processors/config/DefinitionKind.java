package io.trailwatch.processors.config;

import java.util.Arrays;

/** The kinds of definition kept on the config topic; the key of an entry is {@code <kind>/<name>}. */
public enum DefinitionKind {
    METRIC_FILTER("metric-filter"),
    METRIC_ALARM("metric-alarm"),
    RULE("rule"),
    COMPOSITE_ALARM("composite-alarm"),
    ALARM_MUTE_RULE("alarm-mute-rule"),
    LOG_GROUP("log-group"),
    /** Named {@code <group>:<stream>} ({@code LogStreamDefinition.name()}). */
    LOG_STREAM("log-stream"),
    /** A notification topic (SNS's CreateTopic). */
    NOTIFICATION_TOPIC("notification-topic"),
    /** Named {@code <topic>:<id>} ({@code SubscriptionDefinition.name()}). */
    SUBSCRIPTION("subscription"),
    /** An EventBridge connection (CreateConnection); it holds secrets (see ConnectionDefinition). */
    CONNECTION("connection"),
    /** An EventBridge API destination (CreateApiDestination). */
    API_DESTINATION("api-destination"),
    /**
     * A log group's subscription filter, named {@code <group>:<filter>}
     * ({@code SubscriptionFilterDefinition.name()}).
     */
    SUBSCRIPTION_FILTER("subscription-filter");

    private final String id;

    DefinitionKind(final String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The config-topic key of the definition of this kind with the given name. */
    public String key(final String name) {
        return id + '/' + name;
    }

    /** Whether a config-topic key belongs to this kind. */
    public boolean owns(final String key) {
        return key.startsWith(id + '/');
    }

    public String nameOf(final String key) {
        return key.substring(id.length() + 1);
    }

    public static DefinitionKind fromId(final String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown definition kind '" + id + "'"));
    }
}
