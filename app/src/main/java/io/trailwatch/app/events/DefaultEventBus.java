package io.trailwatch.app.events;

/**
 * The one event bus Trailwatch has, EventBridge's {@code default}: the bus of every rule and custom event. Calls
 * may name it by name or by ARN ({@code arn:aws:events:<region>:<account>:event-bus/default}).
 */
public final class DefaultEventBus {

    private static final String NAME = "default";
    private final String arn;

    public DefaultEventBus(final String account, final String region) {
        this.arn = "arn:aws:events:" + region + ":" + account + ":event-bus/" + NAME;
    }

    /** Whether an EventBusName member names this bus. */
    public boolean isNamed(final String bus) {
        return NAME.equals(bus) || arn.equals(bus);
    }
}
