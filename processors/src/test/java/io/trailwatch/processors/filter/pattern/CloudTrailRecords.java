package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Realistic CloudTrail records (shapes as in the CloudTrail record-contents and userIdentity references),
 * built fresh per call so that tests can adjust them.
 */
public final class CloudTrailRecords {

    public static final String ACCOUNT = "111122223333";

    private CloudTrailRecords() {
    }

    /** An API call by IAM user alice with long-term credentials. */
    public static ObjectNode apiCall(final String eventSource, final String eventName) {
        final ObjectNode record = PatternAssertions.JSON.createObjectNode();
        record.put("eventVersion", "1.09");
        record.set("userIdentity", iamUser("alice"));
        record.put("eventTime", "2024-05-01T12:00:00Z");
        record.put("eventSource", eventSource);
        record.put("eventName", eventName);
        record.put("awsRegion", "us-east-1");
        record.put("sourceIPAddress", "198.51.100.7");
        record.put("userAgent", "aws-cli/2.15.0 md/Botocore#1.34.0");
        record.putObject("requestParameters");
        record.putNull("responseElements");
        record.put("requestID", "3c1b4e6f-2a4d-4b8e-9f0a-1d2c3b4a5e6f");
        record.put("eventID", "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
        record.put("readOnly", false);
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", ACCOUNT);
        record.put("eventCategory", "Management");
        return record;
    }

    /** The same call denied by IAM. */
    public static ObjectNode denied(final String eventSource, final String eventName, final String errorCode) {
        final ObjectNode record = apiCall(eventSource, eventName);
        record.put("errorCode", errorCode);
        record.put("errorMessage", "User: arn:aws:iam::" + ACCOUNT + ":user/alice is not authorized to perform: "
            + eventSource.replace(".amazonaws.com", "") + ":" + eventName);
        return record;
    }

    /** A call made with the account's root credentials. */
    public static ObjectNode rootCall(final String eventSource, final String eventName) {
        final ObjectNode record = apiCall(eventSource, eventName);
        final ObjectNode identity = record.putObject("userIdentity");
        identity.put("type", "Root");
        identity.put("principalId", ACCOUNT);
        identity.put("arn", "arn:aws:iam::" + ACCOUNT + ":root");
        identity.put("accountId", ACCOUNT);
        identity.put("accessKeyId", "ASIAIOSFODNN7EXAMPLE");
        return record;
    }

    /** A console sign-in; {@code userType} is IAMUser or Root, {@code outcome} Success or Failure. */
    public static ObjectNode consoleLogin(final String userType, final String mfaUsed, final String outcome) {
        final ObjectNode record = apiCall("signin.amazonaws.com", "ConsoleLogin");
        if ("Root".equals(userType)) {
            record.set("userIdentity", rootCall("signin.amazonaws.com", "ConsoleLogin").get("userIdentity"));
        }
        record.put("eventType", "AwsConsoleSignIn");
        record.put("userAgent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)");
        record.putNull("requestParameters");
        record.putObject("responseElements").put("ConsoleLogin", outcome);
        final ObjectNode additional = record.putObject("additionalEventData");
        additional.put("LoginTo", "https://console.aws.amazon.com/console/home");
        additional.put("MobileVersion", "No");
        additional.put("MFAUsed", mfaUsed);
        if ("Failure".equals(outcome)) {
            record.put("errorMessage", "Failed authentication");
        }
        return record;
    }

    private static ObjectNode iamUser(final String name) {
        final ObjectNode identity = PatternAssertions.JSON.createObjectNode();
        identity.put("type", "IAMUser");
        identity.put("principalId", "AIDACKCEVSQ6C2EXAMPLE");
        identity.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name);
        identity.put("accountId", ACCOUNT);
        identity.put("accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        identity.put("userName", name);
        return identity;
    }

    /** The record with a field set. */
    public static ObjectNode with(final ObjectNode record, final String field, final String value) {
        record.put(field, value);
        return record;
    }

    /** The record without a field. */
    public static ObjectNode without(final ObjectNode record, final String field) {
        record.remove(field);
        return record;
    }

    /** The record as made by an AWS service on the principal's behalf. */
    public static ObjectNode invokedBy(final ObjectNode record, final String service) {
        ((ObjectNode) record.get("userIdentity")).put("invokedBy", service);
        return record;
    }
}
