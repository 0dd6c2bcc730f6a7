package io.trailwatch.processors.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.Dimension;
import io.trailwatch.schemas.AlarmArns;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What CloudWatch publishes to an alarm action's SNS topic: the subject ({@code ALARM: "name" in <region>}) and
 * the message, the alarm's JSON (AlarmName, NewStateValue, NewStateReason, StateChangeTime, OldStateValue, the
 * actions and the Trigger), which subscribers of CloudWatch's alarms already parse.
 */
public final class AlarmMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SNS's limit on a subject. */
    private static final int MAX_SUBJECT = 100;
    /** CloudWatch's StateChangeTime: {@code 2026-12-07T00:10:00.000+0000}. */
    private static final DateTimeFormatter STATE_CHANGE_TIME = DateTimeFormatter
        .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private AlarmMessage() {
    }

    public static String subject(final AlarmStateChange change, final String region) {
        final String subject = change.getState().getValue() + ": \"" + change.getAlarmName() + "\" in " + region;
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
    }

    /** The message's JSON text. */
    public static String message(final AlarmStateChange change, final AlarmActions actions, final String accountId,
                                 final String region) {
        final AlarmConfiguration configuration = change.getConfiguration();
        final ObjectNode message = JSON.createObjectNode()
            .put("AlarmName", change.getAlarmName())
            .put("AlarmDescription", configuration.getDescription())
            .put("AWSAccountId", accountId)
            .put("NewStateValue", change.getState().getValue().name())
            .put("NewStateReason", change.getState().getReason())
            .put("StateChangeTime", STATE_CHANGE_TIME.format(change.getState().getTimestamp()))
            .put("Region", region)
            .put("AlarmArn", AlarmArns.of(change.getAlarmName()))
            .put("OldStateValue", change.getPreviousState().getValue().name());
        list(message.putArray("OKActions"), actions.ok());
        list(message.putArray("AlarmActions"), actions.alarm());
        list(message.putArray("InsufficientDataActions"), actions.insufficientData());
        if (configuration.getAlarmRule() != null) {
            return message.put("AlarmRule", configuration.getAlarmRule()).toString();
        }
        final String statistic = configuration.getStatistic();
        final boolean extended = statistic != null && statistic.matches("(?i)(p|tm|wm|tc|ts|pr)\\d.*");
        final ObjectNode trigger = message.putObject("Trigger")
            .put("MetricName", configuration.getMetricName())
            .put("Namespace", configuration.getNamespace())
            .put("StatisticType", extended ? "ExtendedStatistic" : "Statistic")
            .put(extended ? "ExtendedStatistic" : "Statistic", statistic == null ? null
                : extended ? statistic : statistic.toUpperCase(java.util.Locale.ROOT));
        final ArrayNode dimensions = trigger.putArray("Dimensions");
        for (final Dimension dimension : configuration.getDimensions()) {
            dimensions.addObject().put("value", dimension.getValue()).put("name", dimension.getName());
        }
        trigger.put("Period", configuration.getPeriod())
            .put("EvaluationPeriods", configuration.getEvaluationPeriods())
            .put("DatapointsToAlarm", configuration.getDatapointsToAlarm())
            .put("ComparisonOperator", configuration.getComparisonOperator())
            .put("Threshold", configuration.getThreshold())
            .put("TreatMissingData", configuration.getTreatMissingData())
            .put("EvaluateLowSampleCountPercentile", "");
        return message.toString();
    }

    private static void list(final ArrayNode array, final List<String> values) {
        values.forEach(array::add);
    }
}
