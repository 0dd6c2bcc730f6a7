package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.apiCall;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.consoleLogin;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.denied;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.invokedBy;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.rootCall;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.with;
import static io.trailwatch.processors.filter.pattern.CloudTrailRecords.without;
import static io.trailwatch.processors.filter.pattern.PatternAssertions.matchJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CIS AWS Foundations / Security Hub CloudWatch.1-14 metric filter patterns, verbatim from
 * aws-semantics.md section 7, each against CloudTrail records that must and must not match.
 */
class CisCloudTrailPatternsTest {

    static final String CW1_ROOT = "{$.userIdentity.type=\"Root\" && $.userIdentity.invokedBy NOT EXISTS && "
        + "$.eventType !=\"AwsServiceEvent\"}";
    static final String CW2_UNAUTHORIZED = "{($.errorCode=\"*UnauthorizedOperation\") || "
        + "($.errorCode=\"AccessDenied*\")}";
    static final String CW3_NO_MFA = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != "
        + "\"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }";
    static final String CW4_IAM_POLICY = "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || "
        + "($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || "
        + "($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || "
        + "($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || "
        + "($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || "
        + "($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}";
    static final String CW5_TRAIL = "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || "
        + "($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}";
    static final String CW6_LOGIN_FAILURE = "{($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed "
        + "authentication\")}";
    static final String CW7_KMS = "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || "
        + "($.eventName=ScheduleKeyDeletion))}";
    static final String CW8_S3_POLICY = "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || "
        + "($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || "
        + "($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || "
        + "($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || "
        + "($.eventName=DeleteBucketReplication))}";
    static final String CW9_CONFIG = "{($.eventSource=config.amazonaws.com) && "
        + "(($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || "
        + "($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}";
    static final String CW10_SECURITY_GROUP = "{($.eventName=AuthorizeSecurityGroupIngress) || "
        + "($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || "
        + "($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || "
        + "($.eventName=DeleteSecurityGroup)}";
    static final String CW11_NACL = "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || "
        + "($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || "
        + "($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}";
    static final String CW12_GATEWAY = "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) "
        + "|| ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || "
        + "($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}";
    static final String CW13_ROUTE = "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || "
        + "($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || "
        + "($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}";
    static final String CW14_VPC = "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || "
        + "($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || "
        + "($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || "
        + "($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || "
        + "($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || "
        + "($.eventName=EnableVpcClassicLink)}";

    static Stream<Arguments> records() {
        return Stream.of(
            // CW.1 root account usage.
            row("CW.1", CW1_ROOT, "root creates a bucket", rootCall("s3.amazonaws.com", "CreateBucket"), true),
            row("CW.1", CW1_ROOT, "root signs in to the console", consoleLogin("Root", "No", "Success"), true),
            row("CW.1", CW1_ROOT, "IAM user call", apiCall("s3.amazonaws.com", "CreateBucket"), false),
            row("CW.1", CW1_ROOT, "root call made by an AWS service", invokedBy(
                rootCall("s3.amazonaws.com", "PutObject"), "support.amazonaws.com"), false),
            row("CW.1", CW1_ROOT, "service event for root", with(rootCall("health.amazonaws.com", "AWSHealthEvent"),
                "eventType", "AwsServiceEvent"), false),
            // CW.2 unauthorized API calls.
            row("CW.2", CW2_UNAUTHORIZED, "EC2 Client.UnauthorizedOperation",
                denied("ec2.amazonaws.com", "RunInstances", "Client.UnauthorizedOperation"), true),
            row("CW.2", CW2_UNAUTHORIZED, "S3 AccessDenied", denied("s3.amazonaws.com", "GetObject", "AccessDenied"),
                true),
            row("CW.2", CW2_UNAUTHORIZED, "KMS AccessDeniedException",
                denied("kms.amazonaws.com", "Decrypt", "AccessDeniedException"), true),
            row("CW.2", CW2_UNAUTHORIZED, "successful call", apiCall("s3.amazonaws.com", "GetObject"), false),
            row("CW.2", CW2_UNAUTHORIZED, "other error", denied("s3.amazonaws.com", "GetObject", "NoSuchKey"), false),
            row("CW.2", CW2_UNAUTHORIZED, "throttled", denied("ec2.amazonaws.com", "DescribeInstances",
                "Client.RequestLimitExceeded"), false),
            // CW.3 console sign-in without MFA.
            row("CW.3", CW3_NO_MFA, "IAM user signs in without MFA", consoleLogin("IAMUser", "No", "Success"), true),
            row("CW.3", CW3_NO_MFA, "IAM user signs in with MFA", consoleLogin("IAMUser", "Yes", "Success"), false),
            row("CW.3", CW3_NO_MFA, "failed sign-in without MFA", consoleLogin("IAMUser", "No", "Failure"), false),
            row("CW.3", CW3_NO_MFA, "root signs in without MFA", consoleLogin("Root", "No", "Success"), false),
            row("CW.3", CW3_NO_MFA, "sign-in record without MFAUsed", without(consoleLogin("IAMUser", "No",
                "Success"), "additionalEventData"), false),
            // CW.4 IAM policy changes.
            row("CW.4", CW4_IAM_POLICY, "PutRolePolicy", apiCall("iam.amazonaws.com", "PutRolePolicy"), true),
            row("CW.4", CW4_IAM_POLICY, "ListPolicies", apiCall("iam.amazonaws.com", "ListPolicies"), false),
            row("CW.4", CW4_IAM_POLICY, "prefix of a listed name", apiCall("iam.amazonaws.com", "CreatePolicyVer"),
                false),
            // CW.5 CloudTrail configuration changes.
            row("CW.5", CW5_TRAIL, "StopLogging", apiCall("cloudtrail.amazonaws.com", "StopLogging"), true),
            row("CW.5", CW5_TRAIL, "LookupEvents", apiCall("cloudtrail.amazonaws.com", "LookupEvents"), false),
            // CW.6 console authentication failures.
            row("CW.6", CW6_LOGIN_FAILURE, "failed sign-in", consoleLogin("IAMUser", "No", "Failure"), true),
            row("CW.6", CW6_LOGIN_FAILURE, "successful sign-in", consoleLogin("IAMUser", "No", "Success"), false),
            row("CW.6", CW6_LOGIN_FAILURE, "root sign-in with an unknown user", with(consoleLogin("Root", "No",
                "Failure"), "errorMessage", "No username found in supplied account"), false),
            // CW.7 KMS key disabling or deletion.
            row("CW.7", CW7_KMS, "ScheduleKeyDeletion", apiCall("kms.amazonaws.com", "ScheduleKeyDeletion"), true),
            row("CW.7", CW7_KMS, "DisableKey", apiCall("kms.amazonaws.com", "DisableKey"), true),
            row("CW.7", CW7_KMS, "EnableKey", apiCall("kms.amazonaws.com", "EnableKey"), false),
            row("CW.7", CW7_KMS, "same name from another service",
                apiCall("cloudhsm.amazonaws.com", "DisableKey"), false),
            // CW.8 S3 bucket policy changes.
            row("CW.8", CW8_S3_POLICY, "PutBucketPolicy", apiCall("s3.amazonaws.com", "PutBucketPolicy"), true),
            row("CW.8", CW8_S3_POLICY, "GetBucketPolicy", apiCall("s3.amazonaws.com", "GetBucketPolicy"), false),
            row("CW.8", CW8_S3_POLICY, "S3 on Outposts PutBucketPolicy",
                apiCall("s3-outposts.amazonaws.com", "PutBucketPolicy"), false),
            // CW.9 AWS Config changes.
            row("CW.9", CW9_CONFIG, "StopConfigurationRecorder",
                apiCall("config.amazonaws.com", "StopConfigurationRecorder"), true),
            row("CW.9", CW9_CONFIG, "StartConfigurationRecorder",
                apiCall("config.amazonaws.com", "StartConfigurationRecorder"), false),
            // CW.10 security groups.
            row("CW.10", CW10_SECURITY_GROUP, "AuthorizeSecurityGroupIngress",
                apiCall("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress"), true),
            row("CW.10", CW10_SECURITY_GROUP, "DescribeSecurityGroups",
                apiCall("ec2.amazonaws.com", "DescribeSecurityGroups"), false),
            // CW.11 network ACLs.
            row("CW.11", CW11_NACL, "ReplaceNetworkAclEntry", apiCall("ec2.amazonaws.com", "ReplaceNetworkAclEntry"),
                true),
            row("CW.11", CW11_NACL, "DescribeNetworkAcls", apiCall("ec2.amazonaws.com", "DescribeNetworkAcls"), false),
            // CW.12 network gateways.
            row("CW.12", CW12_GATEWAY, "AttachInternetGateway", apiCall("ec2.amazonaws.com", "AttachInternetGateway"),
                true),
            row("CW.12", CW12_GATEWAY, "CreateNatGateway", apiCall("ec2.amazonaws.com", "CreateNatGateway"), false),
            // CW.13 route tables.
            row("CW.13", CW13_ROUTE, "CreateRoute", apiCall("ec2.amazonaws.com", "CreateRoute"), true),
            row("CW.13", CW13_ROUTE, "DescribeRouteTables", apiCall("ec2.amazonaws.com", "DescribeRouteTables"),
                false),
            // CW.14 VPCs.
            row("CW.14", CW14_VPC, "CreateVpcPeeringConnection",
                apiCall("ec2.amazonaws.com", "CreateVpcPeeringConnection"), true),
            row("CW.14", CW14_VPC, "CreateSubnet", apiCall("ec2.amazonaws.com", "CreateSubnet"), false));
    }

    @ParameterizedTest(name = "{0} {2} -> {4}")
    @MethodSource("records")
    void controlMatchesItsRecords(final String control, final String pattern, final String scenario,
                                  final ObjectNode record, final boolean expected) {
        assertThat(matchJson(pattern, record).isPresent()).as("%s: %s", control, scenario).isEqualTo(expected);
    }

    static Stream<Arguments> everyListedEventName() {
        return Stream.of(
            names(CW4_IAM_POLICY, "iam.amazonaws.com", "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy",
                "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
                "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
                "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"),
            names(CW5_TRAIL, "cloudtrail.amazonaws.com", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging",
                "StopLogging"),
            names(CW7_KMS, "kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion"),
            names(CW8_S3_POLICY, "s3.amazonaws.com", "PutBucketAcl", "PutBucketPolicy", "PutBucketCors",
                "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors",
                "DeleteBucketLifecycle", "DeleteBucketReplication"),
            names(CW9_CONFIG, "config.amazonaws.com", "StopConfigurationRecorder", "DeleteDeliveryChannel",
                "PutDeliveryChannel", "PutConfigurationRecorder"),
            names(CW10_SECURITY_GROUP, "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
                "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
                "CreateSecurityGroup", "DeleteSecurityGroup"),
            names(CW11_NACL, "ec2.amazonaws.com", "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
                "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"),
            names(CW12_GATEWAY, "ec2.amazonaws.com", "CreateCustomerGateway", "DeleteCustomerGateway",
                "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"),
            names(CW13_ROUTE, "ec2.amazonaws.com", "CreateRoute", "CreateRouteTable", "ReplaceRoute",
                "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"),
            names(CW14_VPC, "ec2.amazonaws.com", "CreateVpc", "DeleteVpc", "ModifyVpcAttribute",
                "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
                "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink",
                "EnableVpcClassicLink"))
            .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyListedEventName")
    void everyEventNameInAnAlternationMatches(final String pattern, final String eventName, final String source) {
        assertThat(matchJson(pattern, apiCall(source, eventName))).isPresent();
    }

    @Test
    void allFourteenPatternsParseAsJson() {
        for (final String pattern : List.of(CW1_ROOT, CW2_UNAUTHORIZED, CW3_NO_MFA, CW4_IAM_POLICY, CW5_TRAIL,
            CW6_LOGIN_FAILURE, CW7_KMS, CW8_S3_POLICY, CW9_CONFIG, CW10_SECURITY_GROUP, CW11_NACL, CW12_GATEWAY,
            CW13_ROUTE, CW14_VPC)) {
            assertThat(FilterPattern.parse(pattern).kind()).as(pattern).isEqualTo(PatternKind.JSON);
        }
    }

    @Test
    void matchesReportTheSelectedCloudTrailFields() {
        final Match match = matchJson(CW3_NO_MFA, consoleLogin("IAMUser", "No", "Success")).orElseThrow();
        assertThat(match.extractedValues()).containsExactly(
            Map.entry("$.eventName", "ConsoleLogin"),
            Map.entry("$.additionalEventData.MFAUsed", "No"),
            Map.entry("$.userIdentity.type", "IAMUser"),
            Map.entry("$.responseElements.ConsoleLogin", "Success"));
        assertThat(match.resolve("$.userIdentity.userName")).contains("alice");
        assertThat(match.resolve("$.sourceIPAddress")).contains("198.51.100.7");
    }

    private static Arguments row(final String control, final String pattern, final String scenario,
                                 final ObjectNode record, final boolean expected) {
        return Arguments.of(control, pattern, scenario, record, expected);
    }

    private static Stream<Arguments> names(final String pattern, final String source, final String... eventNames) {
        return Stream.of(eventNames).map(name -> Arguments.of(pattern, name, source));
    }
}
