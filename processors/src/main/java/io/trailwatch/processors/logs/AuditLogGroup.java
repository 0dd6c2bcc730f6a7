package io.trailwatch.processors.logs;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.filter.MetricFilterDefinition;
import java.util.regex.Pattern;

/**
 * The audit trail as a log group, as a CloudTrail trail delivers to CloudWatch Logs: group {@value #NAME}, one
 * stream per account and region named {@code <account>_CloudTrail_<region>}, each record's CloudTrail JSON as the
 * message and its eventTime as the timestamp. The group always exists (no CreateLogGroup needed, it cannot be
 * deleted), its retention can be set like any group's, and only the trail writes it: PutLogEvents to it is refused
 * and a log event naming it on {@code trailwatch.logs} is not stored, so nothing can forge an audit line.
 */
public final class AuditLogGroup {

    public static final String NAME = MetricFilterDefinition.AUDIT_TRAIL;
    private static final String INFIX = "_CloudTrail_";
    private static final Pattern STREAM = Pattern.compile("[0-9]{12}" + INFIX + "[a-z0-9-]+");

    private AuditLogGroup() {
    }

    public static boolean is(final String logGroupName) {
        return NAME.equals(logGroupName);
    }

    /** The group as it is before anyone sets its retention: created at the epoch, kept forever. */
    public static LogGroupDefinition definition() {
        return new LogGroupDefinition(NAME, 0, null);
    }

    /** The stream CloudTrail delivers a region's events of an account to. */
    public static String streamName(final String account, final String region) {
        return account + INFIX + region;
    }

    /** Whether a name is one of the streams the trail writes (they exist without CreateLogStream). */
    public static boolean isStream(final String logStreamName) {
        return STREAM.matcher(logStreamName).matches();
    }

    /**
     * The log event of an audit record, in the stream of the deployment's account (the trail's owner, as CloudTrail
     * names the stream after the trail's account) and the event's region.
     */
    public static LogEvent event(final AuditRecord record, final String account) {
        return new LogEvent(NAME, streamName(account, record.event().getAwsRegion()), record.event().getEventTime(),
            record.json().toString());
    }
}
