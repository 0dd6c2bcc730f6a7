package io.trailwatch.processors.notify;

import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import java.util.List;

/** An alarm's actions: the ARNs each state's transitions run. */
public record AlarmActions(List<String> ok, List<String> alarm, List<String> insufficientData) {

    public static AlarmActions of(final MetricAlarmDefinition definition) {
        return new AlarmActions(definition.okActions(), definition.alarmActions(),
            definition.insufficientDataActions());
    }

    public static AlarmActions of(final CompositeAlarmDefinition definition) {
        return new AlarmActions(definition.okActions(), definition.alarmActions(),
            definition.insufficientDataActions());
    }

    /** The actions of a transition into the state. */
    public List<String> of(final AlarmStateValue state) {
        return switch (state) {
            case OK -> ok;
            case ALARM -> alarm;
            case INSUFFICIENT_DATA -> insufficientData;
        };
    }

    /** Whether the alarm names no action at all (it then uses the deployment's default topic, when there is one). */
    public boolean none() {
        return ok.isEmpty() && alarm.isEmpty() && insufficientData.isEmpty();
    }
}
