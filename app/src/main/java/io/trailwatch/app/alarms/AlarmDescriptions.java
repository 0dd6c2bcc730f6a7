package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.schemas.AlarmArns;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** DescribeAlarms' MetricAlarm and CompositeAlarm items, with AWS's field names. */
final class AlarmDescriptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlarmDescriptions() {
    }

    static ObjectNode metric(final AlarmDefinitionsView.MetricAlarm alarm, final AlarmStateView state) {
        final MetricAlarmDefinition definition = alarm.definition();
        final ObjectNode item = JSON.createObjectNode();
        common(item, definition.alarmName(), definition.alarmDescription(), alarm.updatedAt(),
            definition.actionsEnabled(), definition.okActions(), definition.alarmActions(),
            definition.insufficientDataActions(), state);
        item.put("MetricName", definition.metricName());
        item.put("Namespace", definition.namespace());
        if (definition.statistic() != null) {
            item.put("Statistic", definition.statistic());
        } else {
            item.put("ExtendedStatistic", definition.extendedStatistic());
        }
        final ArrayNode dimensions = item.putArray("Dimensions");
        for (final Map.Entry<String, String> dimension : definition.dimensions().entrySet()) {
            dimensions.addObject().put("Name", dimension.getKey()).put("Value", dimension.getValue());
        }
        item.put("Period", definition.period());
        if (definition.unit() != null) {
            item.put("Unit", definition.unit());
        }
        item.put("EvaluationPeriods", definition.evaluationPeriods());
        item.put("DatapointsToAlarm", definition.datapointsToAlarm());
        item.put("Threshold", definition.threshold());
        item.put("ComparisonOperator", definition.comparisonOperator().name());
        item.put("TreatMissingData", definition.treatMissingData().name());
        transitioned(item, state, alarm.updatedAt());
        if (state != null && state.evaluationState() != null) {
            item.put("EvaluationState", state.evaluationState());
        }
        return item;
    }

    static ObjectNode composite(final AlarmDefinitionsView.CompositeAlarm alarm, final AlarmStateView state) {
        final CompositeAlarmDefinition definition = alarm.definition();
        final ObjectNode item = JSON.createObjectNode();
        common(item, definition.alarmName(), definition.alarmDescription(), alarm.updatedAt(),
            definition.actionsEnabled(), definition.okActions(), definition.alarmActions(),
            definition.insufficientDataActions(), state);
        item.put("AlarmRule", definition.alarmRule());
        transitioned(item, state, alarm.updatedAt());
        return item;
    }

    /**
     * The fields both kinds share. An alarm the processors have not picked up yet is, as every new alarm,
     * INSUFFICIENT_DATA since its creation.
     */
    private static void common(final ObjectNode item, final String name, final String description,
                               final Instant updatedAt, final boolean actionsEnabled, final List<String> okActions,
                               final List<String> alarmActions, final List<String> insufficientDataActions,
                               final AlarmStateView state) {
        item.put("AlarmName", name);
        item.put("AlarmArn", AlarmArns.of(name));
        if (description != null) {
            item.put("AlarmDescription", description);
        }
        item.put("AlarmConfigurationUpdatedTimestamp", updatedAt.toString());
        item.put("ActionsEnabled", actionsEnabled);
        okActions.forEach(item.putArray("OKActions")::add);
        alarmActions.forEach(item.putArray("AlarmActions")::add);
        insufficientDataActions.forEach(item.putArray("InsufficientDataActions")::add);
        item.put("StateValue", state == null ? "INSUFFICIENT_DATA" : state.stateValue());
        item.put("StateReason", state == null ? "Unchecked: Initial alarm creation" : state.stateReason());
        if (state != null && state.stateReasonData() != null) {
            item.put("StateReasonData", state.stateReasonData());
        }
        item.put("StateUpdatedTimestamp", stateTime(state, updatedAt));
    }

    private static void transitioned(final ObjectNode item, final AlarmStateView state, final Instant updatedAt) {
        item.put("StateTransitionedTimestamp", stateTime(state, updatedAt));
    }

    private static String stateTime(final AlarmStateView state, final Instant updatedAt) {
        return state == null ? updatedAt.toString() : Instant.ofEpochMilli(state.stateTimestampMs()).toString();
    }
}
