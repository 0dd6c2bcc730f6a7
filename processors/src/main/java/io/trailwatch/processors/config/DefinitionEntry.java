package io.trailwatch.processors.config;

/**
 * A validated definition ready for the config topic: its kind, its name, and its JSON as stored.
 *
 * @param kind           what it defines
 * @param name           its name, unique within its kind (alarms share one namespace: see the alarm feature)
 * @param definitionJson the definition, in its canonical JSON form
 */
public record DefinitionEntry(DefinitionKind kind, String name, String definitionJson) {

    /** Its key on the config topic, {@code <kind>/<name>}. */
    public String key() {
        return kind.key(name);
    }
}
