package io.trailwatch.processors.alarm;

import io.trailwatch.processors.metrics.MetricValues;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PutMetricAlarm's parameter constraints (API reference and the botocore model of the CloudWatch API), checked one
 * parameter at a time so that exactly one field, the first offending one, is reported.
 */
final class PutMetricAlarmRules {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_DIMENSION_VALUE = 1024;
    static final int MAX_ACTIONS = 5;
    static final int MAX_ACTION_ARN = 1024;
    static final int SEVEN_DAYS = 604_800;
    static final int ONE_DAY = 86_400;
    static final int ONE_HOUR = 3_600;

    private static final Set<String> STATISTICS = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

    // Percentiles only: the other ExtendedStatistic forms (tm, tc, ts, wm, IQM, PR, TM(..)) are valid in CloudWatch,
    // but Trailwatch's period aggregates keep a quantile sketch, from which it computes percentiles and nothing else,
    // so an alarm on them would sit in INSUFFICIENT_DATA for ever. Rejecting them says so at declaration time.
    private static final Pattern PERCENTILE = Pattern.compile("p(100(\\.0{1,10})?|\\d{1,2}(\\.\\d{1,10})?)");

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
        "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
        "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
        "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
        "None");

    private PutMetricAlarmRules() {
    }

    static void check(final MetricAlarmDefinition alarm) {
        checkCommon(alarm.alarmName(), alarm.alarmDescription(), alarm.okActions(), alarm.alarmActions(),
            alarm.insufficientDataActions());
        checkName("MetricName", alarm.metricName(), MAX_NAME);
        checkName("Namespace", alarm.namespace(), MAX_NAME);
        if (alarm.namespace().startsWith(":")) {
            throw invalid("Namespace", "must not start with ':'");
        }
        checkStatistic(alarm.statistic(), alarm.extendedStatistic());
        checkDimensions(alarm.dimensions());
        checkPeriods(alarm.period(), alarm.evaluationPeriods(), alarm.datapointsToAlarm());
        MetricValues.problem(alarm.threshold()).ifPresent(problem -> {
            throw invalid("Threshold", problem);
        });
        if (alarm.comparisonOperator() == null) {
            throw invalid("ComparisonOperator", "is required");
        }
        if (alarm.unit() != null && !UNITS.contains(alarm.unit())) {
            throw invalid("Unit", "must be one of the standard units, was '" + alarm.unit() + "'");
        }
    }

    /** The parameters PutMetricAlarm and PutCompositeAlarm share, checked alike. */
    static void checkCommon(final String alarmName, final String description, final List<String> okActions,
                            final List<String> alarmActions, final List<String> insufficientDataActions) {
        checkName("AlarmName", alarmName, MAX_NAME);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw invalid("AlarmDescription", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        checkActions("OKActions", okActions);
        checkActions("AlarmActions", alarmActions);
        checkActions("InsufficientDataActions", insufficientDataActions);
    }

    private static void checkName(final String field, final String value, final int max) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        if (value.length() > max) {
            throw invalid(field, "must be 1 to " + max + " characters, was " + value.length());
        }
        if (value.chars().anyMatch(PutMetricAlarmRules::isAsciiControl)) {
            throw invalid(field, "must not contain ASCII control characters");
        }
    }

    private static void checkActions(final String field, final List<String> actions) {
        if (actions.size() > MAX_ACTIONS) {
            throw invalid(field, "must name at most " + MAX_ACTIONS + " actions, was " + actions.size());
        }
        for (int i = 0; i < actions.size(); i++) {
            final String arn = actions.get(i);
            final String member = field + ".member." + (i + 1);
            if (arn == null || arn.isEmpty() || arn.length() > MAX_ACTION_ARN) {
                throw invalid(member, "must be an ARN of 1 to " + MAX_ACTION_ARN + " characters");
            }
            // arn:partition:service:region:account:resource; region and account may be empty (ssm-incidents).
            if (!arn.startsWith("arn:") || arn.split(":", 6).length < 6) {
                throw invalid(member, "Invalid arn syntax: " + arn);
            }
        }
    }

    private static void checkStatistic(final String statistic, final String extendedStatistic) {
        if ((statistic == null) == (extendedStatistic == null)) {
            throw invalid("Statistic", "exactly one of Statistic and ExtendedStatistic must be specified");
        }
        if (statistic != null && !STATISTICS.contains(statistic)) {
            throw invalid("Statistic", "must be one of SampleCount, Average, Sum, Minimum, Maximum, was '"
                + statistic + "'");
        }
        if (extendedStatistic != null && !PERCENTILE.matcher(extendedStatistic).matches()) {
            throw invalid("ExtendedStatistic", "must be a percentile p0 to p100 with at most 10 decimals, was '"
                + extendedStatistic + "'");
        }
    }

    private static void checkDimensions(final Map<String, String> dimensions) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw invalid("Dimensions", "must have at most " + MAX_DIMENSIONS + " members, had " + dimensions.size());
        }
        int index = 0;
        for (final Map.Entry<String, String> dimension : dimensions.entrySet()) {
            index++;
            final String member = "Dimensions.member." + index;
            checkDimensionPart(member + ".Name", dimension.getKey(), MAX_NAME);
            if (dimension.getKey().startsWith(":")) {
                throw invalid(member + ".Name", "must not start with ':'");
            }
            checkDimensionPart(member + ".Value", dimension.getValue(), MAX_DIMENSION_VALUE);
        }
    }

    private static void checkDimensionPart(final String field, final String value, final int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw invalid(field, "must be 1 to " + max + " characters");
        }
        if (value.isBlank()) {
            throw invalid(field, "must include at least one non-whitespace character");
        }
        if (value.chars().anyMatch(c -> c > 0x7F || isAsciiControl(c))) {
            throw invalid(field, "must contain only printable ASCII characters");
        }
    }

    private static void checkPeriods(final int period, final int evaluationPeriods, final int datapointsToAlarm) {
        if (period <= 0 || !(period == 10 || period == 20 || period == 30 || period % 60 == 0)) {
            throw invalid("Period", "must be 10, 20, 30 or a multiple of 60 seconds, was " + period);
        }
        if (evaluationPeriods < 1) {
            throw invalid("EvaluationPeriods", "must be at least 1, was " + evaluationPeriods);
        }
        if (datapointsToAlarm < 1) {
            throw invalid("DatapointsToAlarm", "must be at least 1, was " + datapointsToAlarm);
        }
        if (datapointsToAlarm > evaluationPeriods) {
            throw invalid("DatapointsToAlarm", "must not exceed EvaluationPeriods (" + evaluationPeriods + "), was "
                + datapointsToAlarm);
        }
        final long total = (long) period * evaluationPeriods;
        final long limit = period < ONE_HOUR ? ONE_DAY : SEVEN_DAYS;
        if (total > limit) {
            throw invalid("EvaluationPeriods", "Period * EvaluationPeriods must not exceed " + limit
                + " seconds" + (period < ONE_HOUR ? " when Period is under one hour" : "") + ", was " + total);
        }
    }

    private static boolean isAsciiControl(final int c) {
        return c < 0x20 || c == 0x7F;
    }

    private static InvalidRecordException invalid(final String field, final String reason) {
        return new InvalidRecordException(field, reason);
    }
}
