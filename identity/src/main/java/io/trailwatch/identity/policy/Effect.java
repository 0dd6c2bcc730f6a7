package io.trailwatch.identity.policy;

import java.util.Optional;

/** What a statement does to the requests it matches: its {@code Effect} element. */
public enum Effect {

    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(final String json) {
        this.json = json;
    }

    /** The element's value as written in a policy document: {@code Allow} or {@code Deny}. */
    public String json() {
        return json;
    }

    /** The effect written as {@code value}; IAM accepts the exact case only, so {@code allow} is none. */
    static Optional<Effect> fromJson(final String value) {
        for (final Effect effect : values()) {
            if (effect.json.equals(value)) {
                return Optional.of(effect);
            }
        }
        return Optional.empty();
    }
}
