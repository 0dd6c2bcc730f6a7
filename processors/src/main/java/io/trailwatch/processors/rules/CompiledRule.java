package io.trailwatch.processors.rules;


/** A validated rule as the matching engine uses it. */
public record CompiledRule(RuleDefinition definition) {

    public static CompiledRule compile(final String definitionJson) {
        return new CompiledRule(RuleDefinition.TYPE.fromJson(definitionJson).validate());
    }

    public String name() {
        return definition.name();
    }
}
