package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.time.Instant;
import java.util.List;

/**
 * What one evaluation concluded and from which periods, before it is put into CloudWatch's words.
 *
 * @param kind      which of CloudWatch's reason shapes applies
 * @param state     the resulting state
 * @param evaluated the real datapoints evaluated, newest first
 * @param filled    missing periods filled in per TreatMissingData (breaching or notBreaching), newest first
 * @param unknown   missing periods left unknown (missing or ignore), newest first
 */
record Decision(Kind kind, AlarmStateValue state, List<PeriodSlot> evaluated, List<Instant> filled,
                List<Instant> unknown) {

    enum Kind {
        /** Datapoints, real and possibly filled in, were compared with the threshold. */
        THRESHOLD_CROSSED,
        /** Every period of the range was missing and all evaluated periods were filled in. */
        NO_DATAPOINTS,
        /** Not enough is known to decide. */
        INSUFFICIENT_DATA,
        /** TreatMissingData ignore: the alarm keeps its state. */
        RETAINED
    }

    Decision {
        evaluated = List.copyOf(evaluated);
        filled = List.copyOf(filled);
        unknown = List.copyOf(unknown);
    }

    boolean alarming() {
        return state == AlarmStateValue.ALARM;
    }
}
