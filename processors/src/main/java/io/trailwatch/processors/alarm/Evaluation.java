package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.util.Objects;

/**
 * The state an alarm should be in after one evaluation, with CloudWatch's StateReason and StateReasonData. The
 * caller emits a transition only when {@code state} differs from the alarm's current state; when it does not, the
 * reason is not CloudWatch's concern and is never published.
 *
 * @param state      the state the alarm should be in
 * @param reason     StateReason text
 * @param reasonData StateReasonData JSON text; null where CloudWatch has none (alarm creation)
 */
public record Evaluation(AlarmStateValue state, String reason, String reasonData) {

    public Evaluation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The state of a newly created metric or composite alarm: PutMetricAlarm and PutCompositeAlarm set it to
     * INSUFFICIENT_DATA before the first evaluation.
     */
    public static Evaluation initial() {
        return new Evaluation(AlarmStateValue.INSUFFICIENT_DATA, Reasons.initialCreation(), null);
    }
}
