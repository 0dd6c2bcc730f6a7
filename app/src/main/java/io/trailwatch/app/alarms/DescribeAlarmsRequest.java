package io.trailwatch.app.alarms;

import io.javalin.http.Context;
import io.trailwatch.app.http.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * DescribeAlarms' parameters, as query parameters with AWS's names: AlarmNames (repeated or comma-separated),
 * AlarmNamePrefix, AlarmTypes (MetricAlarm when omitted, as in CloudWatch), StateValue, ChildrenOfAlarmName,
 * ParentsOfAlarmName, MaxRecords (1-100) and NextToken.
 */
record DescribeAlarmsRequest(Set<String> alarmNames, String alarmNamePrefix, Set<String> alarmTypes, String stateValue,
                             String childrenOf, String parentsOf, int maxRecords, String after) {

    static final int MAX_RECORDS = 100;
    private static final Set<String> TYPES = Set.of("MetricAlarm", "CompositeAlarm");
    private static final Set<String> STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");

    static DescribeAlarmsRequest of(final Context ctx) {
        final Set<String> names = list(ctx, "AlarmNames");
        final String prefix = ctx.queryParam("AlarmNamePrefix");
        if (!names.isEmpty() && prefix != null) {
            throw new ApiErrors.BadRequest("AlarmNamePrefix", "cannot be combined with AlarmNames");
        }
        final String childrenOf = ctx.queryParam("ChildrenOfAlarmName");
        final String parentsOf = ctx.queryParam("ParentsOfAlarmName");
        if (childrenOf != null && parentsOf != null) {
            throw new ApiErrors.BadRequest("ParentsOfAlarmName", "cannot be combined with ChildrenOfAlarmName");
        }
        Set<String> types = list(ctx, "AlarmTypes");
        for (final String type : types) {
            if (!TYPES.contains(type)) {
                throw new ApiErrors.BadRequest("AlarmTypes", "must be MetricAlarm or CompositeAlarm, was '" + type + "'");
            }
        }
        if (types.isEmpty()) {
            // CloudWatch: "If you omit this parameter, only metric alarms are returned"; the relatives of an alarm
            // are returned whatever their type.
            types = childrenOf != null || parentsOf != null ? TYPES : Set.of("MetricAlarm");
        }
        final String state = ctx.queryParam("StateValue");
        if (state != null && !STATES.contains(state)) {
            throw new ApiErrors.BadRequest("StateValue", "must be OK, ALARM or INSUFFICIENT_DATA, was '" + state + "'");
        }
        return new DescribeAlarmsRequest(names, prefix, types, state, childrenOf, parentsOf, maxRecords(ctx),
            token(ctx.queryParam("NextToken")));
    }

    boolean wants(final String alarmType) {
        return alarmTypes.contains(alarmType);
    }

    /** The page token after an alarm name. */
    static String tokenAfter(final String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    static Set<String> list(final Context ctx, final String parameter) {
        final Set<String> values = new LinkedHashSet<>();
        for (final String value : ctx.queryParams(parameter)) {
            for (final String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    static int maxRecords(final Context ctx) {
        final String text = ctx.queryParam("MaxRecords");
        if (text == null) {
            return MAX_RECORDS;
        }
        try {
            final int value = Integer.parseInt(text);
            if (value >= 1 && value <= MAX_RECORDS) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new ApiErrors.BadRequest("MaxRecords", "must be a number from 1 to " + MAX_RECORDS + ", was '" + text + "'");
    }

    static String token(final String token) {
        if (token == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw new ApiErrors.BadRequest("NextToken", "is not a token this API returned");
        }
    }
}
