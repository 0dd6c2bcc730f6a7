package io.trailwatch.app.alarms;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
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
 * ParentsOfAlarmName, MaxRecords (1-100) and NextToken. Any other parameter is a 400 naming it.
 */
record DescribeAlarmsRequest(Set<String> alarmNames, String alarmNamePrefix, Set<String> alarmTypes, String stateValue,
                             String childrenOf, String parentsOf, int maxRecords, String after) {

    static final int MAX_RECORDS = 100;
    static final String NEXT_TOKEN = "NextToken";
    static final Set<String> PARAMETERS = Set.of("AlarmNames", "AlarmNamePrefix", "AlarmTypes", "StateValue",
        "ChildrenOfAlarmName", "ParentsOfAlarmName", "MaxRecords", NEXT_TOKEN);
    /** The kinds of page token: which list a token pages through. */
    static final char ALARMS_TOKEN = 'A';
    static final char HISTORY_TOKEN = 'H';
    private static final Set<String> TYPES = Set.of("MetricAlarm", "CompositeAlarm");
    private static final Set<String> STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final int CHECK_BYTES = 8;

    static DescribeAlarmsRequest of(final Map<String, List<String>> params) {
        QueryString.allowOnly(params, PARAMETERS);
        final Set<String> names = list(params, "AlarmNames");
        final String prefix = first(params, "AlarmNamePrefix");
        if (!names.isEmpty() && prefix != null) {
            throw new ApiErrors.BadRequest("AlarmNamePrefix", "cannot be combined with AlarmNames");
        }
        final String childrenOf = first(params, "ChildrenOfAlarmName");
        final String parentsOf = first(params, "ParentsOfAlarmName");
        if (childrenOf != null && parentsOf != null) {
            throw new ApiErrors.BadRequest("ParentsOfAlarmName", "cannot be combined with ChildrenOfAlarmName");
        }
        Set<String> types = list(params, "AlarmTypes");
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
        final String state = first(params, "StateValue");
        if (state != null && !STATES.contains(state)) {
            throw new ApiErrors.BadRequest("StateValue", "must be OK, ALARM or INSUFFICIENT_DATA, was '" + state + "'");
        }
        return new DescribeAlarmsRequest(names, prefix, types, state, childrenOf, parentsOf, maxRecords(params),
            position(ALARMS_TOKEN, first(params, NEXT_TOKEN)));
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
            final int value = Integer.parseInt(text);
            if (value >= 1 && value <= MAX_RECORDS) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new ApiErrors.BadRequest("MaxRecords", "must be a number from 1 to " + MAX_RECORDS + ", was '" + text + "'");
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
