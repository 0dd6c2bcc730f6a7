package io.trailwatch.aws.services;

import static io.trailwatch.aws.MemberType.BOOLEAN;
import static io.trailwatch.aws.MemberType.DOUBLE;
import static io.trailwatch.aws.MemberType.INTEGER;
import static io.trailwatch.aws.MemberType.LIST;
import static io.trailwatch.aws.MemberType.LONG;
import static io.trailwatch.aws.MemberType.MAP;
import static io.trailwatch.aws.MemberType.TIMESTAMP;

import io.trailwatch.aws.AwsApi;
import io.trailwatch.aws.AwsProtocol;
import io.trailwatch.identity.AwsService;

/**
 * The six services Trailwatch answers as, as their clients address them (names, prefixes and namespaces from AWS's
 * service models), with no operations yet: each feature adds its own.
 */
public final class AwsServices {

    /** CloudWatch's service name in Smithy RPC v2 CBOR paths and awsJson 1.0 targets. */
    public static final String CLOUDWATCH_TARGET = "GraniteServiceVersion20100801";
    public static final String LOGS_TARGET = "Logs_20140328";
    public static final String CLOUDTRAIL_TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    public static final String EVENTS_TARGET = "AWSEvents";

    private AwsServices() {
    }

    /**
     * CloudWatch ({@code monitoring}): query (botocore before 1.3x), awsJson 1.0 and Smithy RPC v2 CBOR (the AWS CLI
     * and SDKs of 2025 on), query-compatible errors in all three.
     */
    public static AwsApi cloudWatch() {
        return AwsApi.builder("monitoring", AwsService.CLOUDWATCH)
            .json(AwsProtocol.AWS_JSON_1_0, CLOUDWATCH_TARGET, "com.amazonaws.cloudwatch").cbor()
            .query("2010-08-01", "http://monitoring.amazonaws.com/doc/2010-08-01/")
            .member("Timestamp", TIMESTAMP).member("Timestamps", TIMESTAMP)
            .member("StartTime", TIMESTAMP).member("EndTime", TIMESTAMP)
            .member("StartDate", TIMESTAMP).member("EndDate", TIMESTAMP)
            .member("StateUpdatedTimestamp", TIMESTAMP).member("StateTransitionedTimestamp", TIMESTAMP)
            .member("AlarmConfigurationUpdatedTimestamp", TIMESTAMP)
            .member("ExpireDate", TIMESTAMP).member("LastUpdatedTimestamp", TIMESTAMP)
            .member("MetricData.Value", DOUBLE).member("MetricData.Values", DOUBLE)
            .member("MetricData.Counts", DOUBLE).member("MetricDataResults.Values", DOUBLE)
            .member("Threshold", DOUBLE).member("SampleCount", DOUBLE).member("Sum", DOUBLE)
            .member("Minimum", DOUBLE).member("Maximum", DOUBLE).member("Average", DOUBLE)
            .member("Period", INTEGER).member("EvaluationPeriods", INTEGER).member("DatapointsToAlarm", INTEGER)
            .member("MaxRecords", INTEGER).member("MaxDatapoints", INTEGER).member("StorageResolution", INTEGER)
            .member("EvaluationInterval", INTEGER).member("ActionsSuppressorWaitPeriod", INTEGER).member("ActionsSuppressorExtensionPeriod", INTEGER)
            .member("ActionsEnabled", BOOLEAN).member("ReturnData", BOOLEAN)
            .member("StrictEntityValidation", BOOLEAN).member("IncludeLinkedAccounts", BOOLEAN)
            .member("Datapoints.ExtendedStatistics", MAP)
            .member("Dimensions", LIST).member("MetricData", LIST).member("AlarmNames", LIST)
            .member("Statistics", LIST).member("ExtendedStatistics", LIST).member("AlarmActions", LIST)
            .member("OKActions", LIST).member("InsufficientDataActions", LIST).member("MetricDataQueries", LIST)
            .member("Metrics", LIST).member("AlarmTypes", LIST).member("Tags", LIST)
            .member("Statuses", LIST)
            .member("LastModified", TIMESTAMP).member("Size", LONG).member("DashboardNames", LIST)
            .member("DashboardEntries", LIST).member("DashboardValidationMessages", LIST)
            .build();
    }

    /** CloudWatch Logs ({@code logs}): awsJson 1.1; its times are epoch milliseconds, plain numbers. */
    public static AwsApi logs() {
        return AwsApi.builder("logs", AwsService.LOGS).json(AwsProtocol.AWS_JSON_1_1, LOGS_TARGET, null).build();
    }

    /** CloudTrail ({@code cloudtrail}): awsJson 1.1. */
    public static AwsApi cloudTrail() {
        return AwsApi.builder("cloudtrail", AwsService.CLOUDTRAIL)
            .json(AwsProtocol.AWS_JSON_1_1, CLOUDTRAIL_TARGET, null)
            .member("StartTime", TIMESTAMP).member("EndTime", TIMESTAMP).member("EventTime", TIMESTAMP)
            .member("MaxResults", INTEGER)
            .build();
    }

    /** CloudTrail Data ({@code cloudtrail-data}): restJson1, PutAuditEvents at {@code POST /PutAuditEvents}. */
    public static AwsApi cloudTrailData() {
        return AwsApi.builder("cloudtrail-data", AwsService.CLOUDTRAIL_DATA).restJson().build();
    }

    /**
     * SNS ({@code sns}): the query protocol only, as every SNS client speaks it; {@code Attributes} (CreateTopic,
     * Subscribe) are maps, written as {@code <entry><key/><value/></entry>} in answers.
     */
    public static AwsApi sns() {
        return AwsApi.builder("sns", AwsService.SNS)
            .query("2010-03-31", "http://sns.amazonaws.com/doc/2010-03-31/")
            .member("Attributes", MAP).member("ReturnSubscriptionArn", BOOLEAN)
            .build();
    }

    /** EventBridge ({@code events}): awsJson 1.1. */
    public static AwsApi eventBridge() {
        return AwsApi.builder("events", AwsService.EVENTS).json(AwsProtocol.AWS_JSON_1_1, EVENTS_TARGET, null)
            .member("Time", TIMESTAMP).member("Limit", INTEGER)
            .build();
    }
}
