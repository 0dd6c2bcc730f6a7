package io.trailwatch.app.alarms;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.aws.AwsInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DescribeAlarms' parameters, as query parameters with AWS's names: AlarmNames (repeated or comma-separated),
 * AlarmNamePrefix, AlarmTypes (MetricAlarm when omitted, as in CloudWatch), StateValue, ChildrenOfAlarmName,
 * ParentsOfAlarmName, ActionPrefix (alarms with an action, of any state, starting with it), MaxRecords (1-100) and
 * NextToken. Any other parameter is a 400 naming it.
 */
record DescribeAlarmsRequest(Set<String> alarmNames, String alarmNamePrefix, Set<String> alarmTypes, String stateValue,
                             String childrenOf, String parentsOf, String actionPrefix, int maxRecords, String after) {

    static final int MAX_RECORDS = 100;
    static final String NEXT_TOKEN = "NextToken";
    static final Set<String> PARAMETERS = Set.of("AlarmNames", "AlarmNamePrefix", "AlarmTypes", "StateValue",
        "ChildrenOfAlarmName", "ParentsOfAlarmName", "ActionPrefix", "MaxRecords", NEXT_TOKEN);
    /** The kinds of page token: which list a token pages through. */
    static final char ALARMS_TOKEN = 'A';
    static final char HISTORY_TOKEN = 'H';
    static final char MUTE_RULES_TOKEN = 'M';
    private static final Set<String> TYPES = Set.of("MetricAlarm", "CompositeAlarm");
    private static final Set<String> STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final int CHECK_BYTES = 8;

    static DescribeAlarmsRequest of(final Map<String, List<String>> params) {
        QueryString.allowOnly(params, PARAMETERS);
        return of(list(params, "AlarmNames"), first(params, "AlarmNamePrefix"), list(params, "AlarmTypes"),
            first(params, "StateValue"), first(params, "ChildrenOfAlarmName"), first(params, "ParentsOfAlarmName"),
            first(params, "ActionPrefix"), maxRecords(params), first(params, NEXT_TOKEN));
    }

    /** DescribeAlarms' input in AWS's protocols: the same members, typed. */
    static DescribeAlarmsRequest of(final AwsInput input) {
        return of(new LinkedHashSet<>(input.texts("AlarmNames")), input.text("AlarmNamePrefix").orElse(null),
            new LinkedHashSet<>(input.texts("AlarmTypes")), input.text("StateValue").orElse(null),
            input.text("ChildrenOfAlarmName").orElse(null), input.text("ParentsOfAlarmName").orElse(null),
            input.text("ActionPrefix").orElse(null), maxRecords(input), input.text(NEXT_TOKEN).orElse(null));
    }

    private static DescribeAlarmsRequest of(final Set<String> names, final String prefix, final Set<String> alarmTypes,
                                            final String state, final String childrenOf, final String parentsOf,
                                            final String actionPrefix, final int maxRecords, final String nextToken) {
        if (names.size() > MAX_RECORDS) {
            throw new ApiErrors.BadRequest("AlarmNames", "can name at most " + MAX_RECORDS + " alarms, named "
                + names.size());
        }
        if (!names.isEmpty() && prefix != null) {
            throw new ApiErrors.BadRequest("AlarmNamePrefix", "cannot be combined with AlarmNames");
        }
        if (childrenOf != null && parentsOf != null) {
            throw new ApiErrors.BadRequest("ParentsOfAlarmName", "cannot be combined with ChildrenOfAlarmName");
        }
        Set<String> types = checkedAlarmTypes(alarmTypes);
        if (types.isEmpty()) {
            // CloudWatch: "If you omit this parameter, only metric alarms are returned"; the relatives of an alarm
            // are returned whatever their type.
            types = childrenOf != null || parentsOf != null ? TYPES : Set.of("MetricAlarm");
        }
        if (state != null && !STATES.contains(state)) {
            throw new ApiErrors.BadRequest("StateValue", "must be OK, ALARM or INSUFFICIENT_DATA, was '" + state + "'");
        }
        return new DescribeAlarmsRequest(names, prefix, types, state, childrenOf, parentsOf, actionPrefix, maxRecords,
            position(ALARMS_TOKEN, nextToken));
    }

    /** AlarmTypes, of DescribeAlarms or DescribeAlarmHistory: each MetricAlarm or CompositeAlarm. */
    static Set<String> checkedAlarmTypes(final Set<String> types) {
        for (final String type : types) {
            if (!TYPES.contains(type)) {
                throw new ApiErrors.BadRequest("AlarmTypes", "must be MetricAlarm or CompositeAlarm, was '" + type
                    + "'");
            }
        }
        return types;
    }

    boolean wants(final String alarmType) {
        return alarmTypes.contains(alarmType);
    }

    /** The page token after an alarm name. */
    static String tokenAfter(final String name) {
        return token(ALARMS_TOKEN, name);
    }

    /** The first value of a parameter, or null. */
    static String first(final Map<String, List<String>> params, final String parameter) {
        final List<String> values = params.get(parameter);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Set<String> list(final Map<String, List<String>> params, final String parameter) {
        final Set<String> values = new LinkedHashSet<>();
        for (final String value : params.getOrDefault(parameter, List.of())) {
            for (final String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    static int maxRecords(final Map<String, List<String>> params) {
        final String text = first(params, "MaxRecords");
        if (text == null) {
            return MAX_RECORDS;
        }
        try {
            return maxRecords(Integer.parseInt(text));
        } catch (final NumberFormatException e) {
            throw maxRecordsRefused(text);
        }
    }

    /** MaxRecords of an AWS input: the same limits. */
    static int maxRecords(final AwsInput input) {
        return input.integer("MaxRecords").map(DescribeAlarmsRequest::maxRecords).orElse(MAX_RECORDS);
    }

    private static int maxRecords(final int value) {
        if (value < 1 || value > MAX_RECORDS) {
            throw maxRecordsRefused(Integer.toString(value));
        }
        return value;
    }

    private static ApiErrors.BadRequest maxRecordsRefused(final String text) {
        return new ApiErrors.BadRequest("MaxRecords", "must be a number from 1 to " + MAX_RECORDS + ", was '" + text
            + "'");
    }

    /**
     * A page token: base64url of its kind, the position it resumes after, and a check of both, so that a token this
     * API did not return (mistyped, truncated, made up, or another list's) is refused instead of being read as some
     * position.
     */
    static String token(final char kind, final String position) {
        final byte[] payload = (kind + position).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(payload.length + CHECK_BYTES)
            .put(payload).put(check(payload)).array());
    }

    /** The position a token of this kind resumes after; null without a token; a 400 naming NextToken otherwise. */
    static String position(final char kind, final String token) {
        if (token == null) {
            return null;
        }
        final byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (final IllegalArgumentException notBase64) {
            throw undecodable();
        }
        if (bytes.length <= CHECK_BYTES) {
            throw undecodable();
        }
        final byte[] payload = Arrays.copyOf(bytes, bytes.length - CHECK_BYTES);
        if (!MessageDigest.isEqual(check(payload), Arrays.copyOfRange(bytes, payload.length, bytes.length))
            || payload[0] != (byte) kind) {
            throw undecodable();
        }
        return new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
    }

    private static ApiErrors.BadRequest undecodable() {
        return new ApiErrors.BadRequest(NEXT_TOKEN, "cannot be decoded: it is not a NextToken this API returned for "
            + "this list");
    }

    private static byte[] check(final byte[] payload) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(payload), CHECK_BYTES);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
