package io.trailwatch.schemas;

/**
 * The ARN an alarm is known by: CloudWatch names alarms by ARN in composite reasons, reason data and
 * DescribeAlarms. Trailwatch has no AWS account or Region, so every alarm lives in the placeholder Region
 * {@value #REGION} of account {@value #ACCOUNT}; only the name part carries meaning.
 */
public final class AlarmArns {

    public static final String REGION = "local";
    public static final String ACCOUNT = "000000000000";

    private AlarmArns() {
    }

    public static String of(final String alarmName) {
        return prefix() + "alarm:" + alarmName;
    }

    /** The ARN of an alarm mute rule. */
    public static String ofMuteRule(final String ruleName) {
        return prefix() + "alarm-mute-rule:" + ruleName;
    }

    private static String prefix() {
        return "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":";
    }
}
