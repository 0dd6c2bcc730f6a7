package io.trailwatch.processors.alarm;

/** An AlarmRule that PutCompositeAlarm would reject, with where (0-based character offset) and why. */
public final class AlarmRuleException extends IllegalArgumentException {

    private final int position;
    private final String reason;

    public AlarmRuleException(final int position, final String reason) {
        super("AlarmRule: " + reason + " at position " + position);
        this.position = position;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
