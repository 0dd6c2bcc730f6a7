package io.trailwatch.processors.rules;

import io.trailwatch.processors.config.Definitions;

/** A validated rule as the matching engine uses it. */
public record CompiledRule(RuleDefinition definition) {

    public static CompiledRule compile(final String definitionJson) {
        return new CompiledRule(Definitions.fromJson(definitionJson, RuleDefinition.class).validate());
    }

    public String name() {
        return definition.name();
    }
}
