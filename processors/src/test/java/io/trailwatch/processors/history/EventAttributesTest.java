package io.trailwatch.processors.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventAttributesTest {

    private static AuditEvent record(final String json) throws Exception {
        return CloudTrailJson.fromJson(new ObjectMapper().readTree(json));
    }

    @Test
    void anIamUsersCallHasEveryAttribute() throws Exception {
        final AuditEvent event = record("""
            {"eventVersion": "1.08", "eventID": "e-1", "eventTime": "2026-11-21T10:00:00Z",
             "eventSource": "s3.amazonaws.com", "eventName": "DeleteBucket", "awsRegion": "eu-west-1",
             "sourceIPAddress": "203.0.113.7", "errorCode": "AccessDenied", "readOnly": false,
             "userIdentity": {"type": "IAMUser", "userName": "bob", "accountId": "111111111111",
                              "accessKeyId": "AKIAEXAMPLE"},
             "requestParameters": {"bucketName": "logs"}, "responseElements": null,
             "recipientAccountId": "222222222222", "eventType": "AwsApiCall", "eventCategory": "Management"}""");

        final EventAttributes attributes = EventAttributes.of(event);

        assertThat(attributes.values(LookupAttribute.EVENT_ID)).containsExactly("e-1");
        assertThat(attributes.values(LookupAttribute.EVENT_NAME)).containsExactly("DeleteBucket");
        assertThat(attributes.values(LookupAttribute.READ_ONLY)).containsExactly("false");
        assertThat(attributes.values(LookupAttribute.USERNAME)).containsExactly("bob");
        assertThat(attributes.values(LookupAttribute.EVENT_SOURCE)).containsExactly("s3.amazonaws.com");
        assertThat(attributes.values(LookupAttribute.ACCESS_KEY_ID)).containsExactly("AKIAEXAMPLE");
        assertThat(attributes.values(LookupAttribute.SOURCE_IP_ADDRESS)).containsExactly("203.0.113.7");
        assertThat(attributes.values(LookupAttribute.ERROR_CODE)).containsExactly("AccessDenied");
        assertThat(attributes.values(LookupAttribute.ACCOUNT_ID)).containsExactly("222222222222", "111111111111");
        assertThat(attributes.values(LookupAttribute.AWS_REGION)).containsExactly("eu-west-1");
        assertThat(attributes.values(LookupAttribute.RESOURCE_TYPE)).as("named by the request's bucketName")
            .containsExactly("AWS::S3::Bucket");
        assertThat(attributes.values(LookupAttribute.RESOURCE_NAME)).containsExactly("logs");
    }

    @Test
    void resourcesAreFoundByArnAndByName() throws Exception {
        final AuditEvent event = record("""
            {"eventVersion": "1.08", "eventID": "e-2", "eventTime": "2026-11-21T10:00:00Z", "eventSource": "sts.amazonaws.com",
             "eventName": "AssumeRole", "awsRegion": "us-east-1", "sourceIPAddress": "AWS Internal",
             "userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::111111111111:assumed-role/Deploy/ci-run-7"},
             "resources": [{"ARN": "arn:aws:iam::111111111111:role/Admin", "type": "AWS::IAM::Role"},
                           {"ARN": "arn:aws:s3:::backups", "type": "AWS::S3::Bucket"}]}""");

        final EventAttributes attributes = EventAttributes.of(event);

        assertThat(attributes.values(LookupAttribute.USERNAME)).as("an assumed role's session name")
            .containsExactly("ci-run-7");
        assertThat(attributes.values(LookupAttribute.RESOURCE_TYPE)).containsExactly("AWS::IAM::Role",
            "AWS::S3::Bucket");
        assertThat(attributes.values(LookupAttribute.RESOURCE_NAME)).containsExactly(
            "arn:aws:iam::111111111111:role/Admin", "Admin", "arn:aws:s3:::backups", "backups");
        assertThat(attributes.values(LookupAttribute.READ_ONLY)).as("not stated").isEmpty();
        assertThat(attributes.values(LookupAttribute.ERROR_CODE)).isEmpty();
        assertThat(EventAttributes.resources(event)).containsExactly(
            new EventResource("AWS::IAM::Role", "arn:aws:iam::111111111111:role/Admin"),
            new EventResource("AWS::S3::Bucket", "arn:aws:s3:::backups"));
    }

    @Test
    void aBucketNamedByBothItsArnAndTheRequestIsListedOnce() throws Exception {
        final AuditEvent event = record("""
            {"eventVersion": "1.08", "eventID": "e-5", "eventTime": "2026-11-21T10:00:00Z",
             "eventSource": "s3.amazonaws.com", "eventName": "DeleteBucket", "awsRegion": "eu-west-1",
             "sourceIPAddress": "203.0.113.7", "userIdentity": {"type": "IAMUser", "userName": "bob"},
             "requestParameters": {"bucketName": "customer-invoices"},
             "resources": [{"ARN": "arn:aws:s3:::customer-invoices", "type": "AWS::S3::Bucket"}]}""");

        assertThat(EventAttributes.resources(event)).containsExactly(
            new EventResource("AWS::S3::Bucket", "arn:aws:s3:::customer-invoices"));
        assertThat(EventAttributes.of(event).values(LookupAttribute.RESOURCE_NAME))
            .containsExactly("arn:aws:s3:::customer-invoices", "customer-invoices");
    }

    @Test
    void theRootUserIsRoot() throws Exception {
        final AuditEvent event = record("""
            {"eventVersion": "1.08", "eventID": "e-3", "eventTime": "2026-11-21T10:00:00Z", "eventSource": "signin.amazonaws.com",
             "eventName": "ConsoleLogin", "awsRegion": "us-east-1", "sourceIPAddress": "198.51.100.1",
             "userIdentity": {"type": "Root", "arn": "arn:aws:iam::111111111111:root"}}""");

        assertThat(EventAttributes.username(event)).isEqualTo("root");
    }

    @Test
    void filtersMustAllHold() throws Exception {
        final EventAttributes attributes = EventAttributes.of(record("""
            {"eventVersion": "1.08", "eventID": "e-4", "eventTime": "2026-11-21T10:00:00Z", "eventSource": "s3.amazonaws.com",
             "eventName": "CopyObject", "awsRegion": "eu-west-1", "sourceIPAddress": "192.0.2.1",
             "userIdentity": {"type": "IAMUser", "userName": "carol"},
             "resources": [{"ARN": "arn:aws:s3:::a"}, {"ARN": "arn:aws:s3:::b"}]}"""));

        assertThat(attributes.matches(Map.of(LookupAttribute.USERNAME, List.of("carol"),
            LookupAttribute.RESOURCE_NAME, List.of("a", "b")))).isTrue();
        assertThat(attributes.matches(Map.of(LookupAttribute.USERNAME, List.of("carol"),
            LookupAttribute.RESOURCE_NAME, List.of("a", "c")))).isFalse();
        assertThat(attributes.matches(Map.of(LookupAttribute.EVENT_NAME, List.of("copyobject")))).as("exact match")
            .isFalse();
        assertThat(attributes.matches(Map.of())).isTrue();
    }
}
