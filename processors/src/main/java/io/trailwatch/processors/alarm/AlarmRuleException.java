package io.trailwatch.processors.alarm;

import io.trailwatch.processors.common.SyntaxException;

/** An AlarmRule that PutCompositeAlarm would reject, with where (0-based character offset) and why. */
public final class AlarmRuleException extends SyntaxException {

    private static final long serialVersionUID = 1L;

    public AlarmRuleException(final int position, final String reason) {
        super("AlarmRule: " + reason + " at position " + position, position, reason);
    }
}
