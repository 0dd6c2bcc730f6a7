package io.trailwatch.identity.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One statement of an identity-based policy: its effect on the requests whose action and resource it covers.
 * Built only by {@link PolicyDocument#parse}, so a statement in hand is always well-formed.
 */
public final class Statement {

    private final String sid;
    private final Effect effect;
    private final PatternBlock action;
    private final PatternBlock resource;

    Statement(final String sid, final Effect effect, final PatternBlock action, final PatternBlock resource) {
        this.sid = sid;
        this.effect = Objects.requireNonNull(effect, "effect");
        this.action = Objects.requireNonNull(action, "action");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /**
     * Whether the statement covers a request for {@code action} ({@code service:Operation}) on {@code resourceArn}:
     * its action block and its resource block both match. Whether that allows or denies is {@link #effect()}.
     */
    public boolean matches(final String action, final String resourceArn) {
        return this.action.matches(action) && resource.matches(resourceArn);
    }

    /** The {@code Sid}, when the statement has one. */
    public Optional<String> sid() {
        return Optional.ofNullable(sid);
    }

    public Effect effect() {
        return effect;
    }

    /** The {@code Action} or {@code NotAction} block. */
    public PatternBlock action() {
        return action;
    }

    /** The {@code Resource} or {@code NotResource} block. */
    public PatternBlock resource() {
        return resource;
    }

    @Override
    public String toString() {
        return "Statement(" + (sid == null ? "" : sid + ", ") + effect.json() + ", " + action + ", " + resource + ")";
    }
}
