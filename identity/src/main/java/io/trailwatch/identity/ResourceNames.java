package io.trailwatch.identity;

import io.trailwatch.schemas.AlarmArns;

/**
 * The ARNs of what Trailwatch's operations touch, in the forms AWS uses, so that policies written for AWS
 * ({@code arn:aws:cloudwatch:*:*:alarm:Prod-*}) mean the same here. Operations without resource-level permissions
 * in AWS (Describe*, List*, LookupEvents) use {@code *}.
 *
 * @param accountId the deployment's account id
 * @param region    the deployment's region (also the SigV4 credential scope it accepts)
 */
public record ResourceNames(String accountId, String region) {

    public static final String ANY = "*";

    /** Alarms keep the ARN DescribeAlarms shows ({@link AlarmArns}). */
    public String alarm(final String name) {
        return AlarmArns.of(name);
    }

    public String alarmMuteRule(final String name) {
        return AlarmArns.ofMuteRule(name);
    }

    public String rule(final String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/" + name;
    }

    /** An EventBridge connection (AWS appends a UUID; Trailwatch's names are unique without it). */
    public String connection(final String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":connection/" + name;
    }

    /** An EventBridge API destination (as {@link #connection}, without AWS's UUID suffix). */
    public String apiDestination(final String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":api-destination/" + name;
    }

    public String logGroup(final String name) {
        return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name;
    }

    /** A notification topic (SNS's ARN); its subscriptions' ARNs are this followed by {@code :<id>}. */
    public String topic(final String name) {
        return "arn:aws:sns:" + region + ":" + accountId + ":" + name;
    }

    /** A CloudWatch dashboard: global, so its ARN has no region. */
    public String dashboard(final String name) {
        return "arn:aws:cloudwatch::" + accountId + ":dashboard/" + name;
    }

    public String user(final String name) {
        return "arn:aws:iam::" + accountId + ":user/" + name;
    }
}
