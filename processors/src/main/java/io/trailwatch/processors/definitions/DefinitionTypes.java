package io.trailwatch.processors.definitions;

import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.processors.filter.MetricFilterDefinition;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.LogStreamDefinition;
import io.trailwatch.processors.logs.subscription.SubscriptionFilterDefinition;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;

/**
 * Each kind's {@link DefinitionType}, declared by its feature, for what takes definitions of any kind. Here, above
 * the features, so that the shared definitions code below them names none of them.
 */
public final class DefinitionTypes {

    private DefinitionTypes() {
    }

    public static DefinitionType<?> of(final DefinitionKind kind) {
        return switch (kind) {
            case METRIC_FILTER -> MetricFilterDefinition.TYPE;
            case METRIC_ALARM -> MetricAlarmDefinition.TYPE;
            case RULE -> RuleDefinition.TYPE;
            case COMPOSITE_ALARM -> CompositeAlarmDefinition.TYPE;
            case ALARM_MUTE_RULE -> AlarmMuteRuleDefinition.TYPE;
            case LOG_GROUP -> LogGroupDefinition.TYPE;
            case LOG_STREAM -> LogStreamDefinition.TYPE;
            case NOTIFICATION_TOPIC -> NotificationTopicDefinition.TYPE;
            case SUBSCRIPTION -> SubscriptionDefinition.TYPE;
            case CONNECTION -> ConnectionDefinition.TYPE;
            case API_DESTINATION -> ApiDestinationDefinition.TYPE;
            case SUBSCRIPTION_FILTER -> SubscriptionFilterDefinition.TYPE;
        };
    }
}
