package io.trailwatch.processors.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CloudWatch's StateReasonData JSON, with its field order, taken from captured alarms, e.g.
 * {@code {"version":"1.0","queryDate":"2023-04-07T09:09:15.917+0000","startDate":"2023-04-07T09:08:00.000+0000",
 * "unit":"Count","statistic":"Minimum","period":60,"recentDatapoints":[0.0],"threshold":1.0,
 * "evaluatedDatapoints":[{"timestamp":"2023-04-07T09:08:00.000+0000","sampleCount":1.0,"value":0.0}]}}.
 */
final class ReasonData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReasonData() {
    }

    /**
     * <ul>
     *   <li>{@code startDate}: the oldest of the recent datapoints; absent when there are none, as in captured
     *       no-datapoint reasons.</li>
     *   <li>{@code statistic}, or {@code extendedStatistic} for a percentile alarm. No captured percentile reason
     *       data was found; the key follows the API's own split of the two parameters (and the
     *       {@code StatisticType}/{@code ExtendedStatistic} keys of alarm SNS messages).</li>
     *   <li>{@code recentDatapoints}: the real datapoints evaluated, oldest first, as captured.</li>
     *   <li>{@code evaluatedDatapoints}, newest first: for ALARM the newest M datapoints that breach, for OK the
     *       newest N - M + 1 that do not (captures: a 2-of-2 alarm's OK lists 1, its ALARM lists 2; a 6-of-6
     *       alarm's OK lists only its one non-breaching point); filled-in periods count on the side they were
     *       treated as. For INSUFFICIENT_DATA the unknown periods, each with its timestamp only, as in the Lambda
     *       action example ("Insufficient Data: 5 datapoints were unknown." with five bare timestamps).</li>
     * </ul>
     */
    static String metric(final Decision decision, final MetricAlarmDefinition alarm, final Instant queryDate) {
        final ObjectNode data = JSON.createObjectNode();
        data.put("version", "1.0");
        data.put("queryDate", CloudWatchFormats.dataTime(queryDate));
        final List<PeriodSlot> recent = new ArrayList<>(decision.evaluated());
        recent.sort(Comparator.comparing(PeriodSlot::start));
        if (!recent.isEmpty()) {
            data.put("startDate", CloudWatchFormats.dataTime(recent.get(0).start()));
        }
        if (alarm.unit() != null) {
            data.put("unit", alarm.unit());
        }
        data.put(alarm.statistic() != null ? "statistic" : "extendedStatistic", alarm.statisticName());
        data.put("period", alarm.period());
        final ArrayNode values = data.putArray("recentDatapoints");
        recent.forEach(point -> values.add(point.value()));
        data.put("threshold", alarm.threshold());
        final ArrayNode evaluated = data.putArray("evaluatedDatapoints");
        switch (decision.kind()) {
            case THRESHOLD_CROSSED, NO_DATAPOINTS -> deciding(decision, alarm).forEach(evaluated::add);
            case INSUFFICIENT_DATA, RETAINED -> decision.unknown().forEach(start -> evaluated.add(bare(start)));
        }
        return write(data);
    }

    /** A composite alarm's reason data: {@code {"triggeringAlarms":[{"arn":..,"state":{"value":..,"timestamp":..}}]}}. */
    static String composite(final List<ChildAlarmState> triggering) {
        final ObjectNode data = JSON.createObjectNode();
        final ArrayNode alarms = data.putArray("triggeringAlarms");
        for (final ChildAlarmState child : triggering) {
            final ObjectNode entry = alarms.addObject();
            entry.put("arn", child.arn());
            final ObjectNode state = entry.putObject("state");
            state.put("value", child.state().toString());
            state.put("timestamp", CloudWatchFormats.dataTime(child.stateTimestamp()));
        }
        return write(data);
    }

    private static List<ObjectNode> deciding(final Decision decision, final MetricAlarmDefinition alarm) {
        final boolean toAlarm = decision.alarming();
        final List<Entry> entries = new ArrayList<>();
        decision.evaluated().stream()
            .filter(point -> alarm.comparisonOperator().breaches(point.value(), alarm.threshold()) == toAlarm)
            .forEach(point -> entries.add(new Entry(point.start(), full(point))));
        if ((alarm.effectiveTreatMissingData() == TreatMissingData.breaching) == toAlarm) {
            decision.filled().forEach(start -> entries.add(new Entry(start, bare(start))));
        }
        entries.sort(Comparator.comparing(Entry::start).reversed());
        return entries.stream().limit(Reasons.minimumFor(toAlarm, alarm)).map(Entry::json).toList();
    }

    private static ObjectNode full(final PeriodSlot point) {
        final ObjectNode entry = bare(point.start());
        if (point.datapoint().sampleCount() != null) {
            entry.put("sampleCount", point.datapoint().sampleCount());
        }
        entry.put("value", point.value());
        return entry;
    }

    private static ObjectNode bare(final Instant start) {
        final ObjectNode entry = JSON.createObjectNode();
        entry.put("timestamp", CloudWatchFormats.dataTime(start));
        return entry;
    }

    private static String write(final ObjectNode data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Entry(Instant start, ObjectNode json) {
    }
}
