package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.Objects;

/**
 * What a composite alarm knows of one child: the ARN its reason names, its state, and when it entered that state.
 *
 * @param arn            the child's ARN, e.g. {@code arn:aws:cloudwatch:us-east-1:111122223333:alarm:CpuHigh}
 * @param state          the child's current state
 * @param stateTimestamp when the child entered that state
 */
public record ChildAlarmState(String arn, AlarmStateValue state, Instant stateTimestamp) {

    public ChildAlarmState {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateTimestamp, "stateTimestamp");
    }
}
