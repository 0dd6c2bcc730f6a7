package io.trailwatch.processors.logs.subscription;

import io.trailwatch.processors.filter.pattern.FilterPattern;

/** A subscription filter with its pattern parsed, ready for the hot path. */
record CompiledSubscriptionFilter(SubscriptionFilterDefinition definition, FilterPattern pattern) {

    static CompiledSubscriptionFilter compile(final String definitionJson) {
        final SubscriptionFilterDefinition definition = SubscriptionFilterDefinition.TYPE.fromJson(definitionJson)
            .validate();
        return new CompiledSubscriptionFilter(definition, definition.compile());
    }

    String logGroupName() {
        return definition.logGroupName();
    }
}
