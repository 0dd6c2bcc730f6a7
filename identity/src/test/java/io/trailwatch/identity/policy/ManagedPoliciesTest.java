package io.trailwatch.identity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagedPoliciesTest {

    private static final String ALARM = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod";

    @Test
    void areListedByArnInOrder() {
        assertThat(ManagedPolicies.all()).containsOnlyKeys(ManagedPolicies.ADMINISTRATOR_ACCESS,
            ManagedPolicies.READ_ONLY_ACCESS, ManagedPolicies.TRAILWATCH_PUBLISHER);
        assertThat(ManagedPolicies.all().keySet()).containsExactly(
            "arn:aws:iam::aws:policy/AdministratorAccess",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/TrailwatchPublisher");
        assertThat(ManagedPolicies.byArn(ManagedPolicies.READ_ONLY_ACCESS))
            .containsSame(ManagedPolicies.all().get(ManagedPolicies.READ_ONLY_ACCESS));
        assertThat(ManagedPolicies.byArn("arn:aws:iam::aws:policy/PowerUserAccess")).isEmpty();
        assertThat(ManagedPolicies.byArn("arn:aws:iam::aws:policy/readonlyaccess")).isEmpty();
    }

    @Test
    void areStoredCompactAndParseAgain() {
        ManagedPolicies.all().values().forEach(policy -> {
            assertThat(policy.json()).doesNotContain("\n", "  ");
            assertThat(policy.version()).isEqualTo(PolicyDocument.VERSION_2012_10_17);
            assertThat(PolicyDocument.parse(policy.json())).isEqualTo(policy);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "cloudwatch:DescribeAlarms",
        "cloudwatch:DeleteAlarms",
        "iam:CreateAccessKey",
        "trailwatch:AnythingAtAll",
    })
    void administratorAccessAllowsEverything(final String action) {
        assertThat(decide(ManagedPolicies.ADMINISTRATOR_ACCESS, action)).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "cloudwatch:DescribeAlarms,     ALLOW",
        "cloudwatch:GetMetricStatistics, ALLOW",
        "cloudwatch:ListMetrics,        ALLOW",
        "cloudtrail:LookupEvents,       ALLOW",
        "logs:FilterLogEvents,          ALLOW",
        "logs:StartQuery,               ALLOW",
        "logs:TestMetricFilter,         ALLOW",
        "events:TestEventPattern,       ALLOW",
        "iam:GetUser,                   ALLOW",
        "trailwatch:ListRules,          ALLOW",
        "cloudwatch:DeleteAlarms,       IMPLICIT_DENY",
        "cloudwatch:PutMetricData,      IMPLICIT_DENY",
        "cloudwatch:PutMetricAlarm,     IMPLICIT_DENY",
        "cloudwatch:SetAlarmState,      IMPLICIT_DENY",
        "iam:CreateAccessKey,           IMPLICIT_DENY",
        "logs:PutLogEvents,             IMPLICIT_DENY",
        "logs:DeleteLogGroup,           IMPLICIT_DENY",
        "cloudtrail:StopLogging,        IMPLICIT_DENY",
        "cloudtrail-data:PutAuditEvents, IMPLICIT_DENY",
        "events:PutRule,                IMPLICIT_DENY",
        "sns:Publish,                   IMPLICIT_DENY",
    })
    void readOnlyAccessAllowsReadingOnly(final String action, final Decision expected) {
        assertThat(decide(ManagedPolicies.READ_ONLY_ACCESS, action)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "cloudwatch:PutMetricData,       ALLOW",
        "logs:PutLogEvents,              ALLOW",
        "logs:CreateLogStream,           ALLOW",
        "cloudtrail-data:PutAuditEvents, ALLOW",
        "cloudwatch:DescribeAlarms,      IMPLICIT_DENY",
        "cloudwatch:GetMetricStatistics, IMPLICIT_DENY",
        "cloudtrail:LookupEvents,        IMPLICIT_DENY",
        "logs:CreateLogGroup,            IMPLICIT_DENY",
        "logs:GetLogEvents,              IMPLICIT_DENY",
        "iam:CreateAccessKey,            IMPLICIT_DENY",
    })
    void trailwatchPublisherAllowsPublishingOnly(final String action, final Decision expected) {
        assertThat(decide(ManagedPolicies.TRAILWATCH_PUBLISHER, action)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} on {2}: {3}")
    @CsvSource({
        "TrailwatchPublisher, schemaregistry:GetSchema,          *,                      ALLOW",
        "TrailwatchPublisher, schemaregistry:GetSchema,          other-value,            ALLOW",
        "TrailwatchPublisher, schemaregistry:ListSubjects,       *,                      ALLOW",
        "TrailwatchPublisher, schemaregistry:GetConfig,          trailwatch.audit-value, ALLOW",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.audit-value, ALLOW",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.audit-key,   ALLOW",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.metrics-value, ALLOW",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.logs-key,    ALLOW",
        "TrailwatchPublisher, schemaregistry:CheckCompatibility, trailwatch.logs-value,  ALLOW",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.alarms-value, IMPLICIT_DENY",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.identity-value, IMPLICIT_DENY",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.metrics.late-value, IMPLICIT_DENY",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     trailwatch.audit-value-x, IMPLICIT_DENY",
        "TrailwatchPublisher, schemaregistry:RegisterSchema,     orders-value,           IMPLICIT_DENY",
        "TrailwatchPublisher, schemaregistry:PutConfig,          trailwatch.audit-value, IMPLICIT_DENY",
        "TrailwatchPublisher, schemaregistry:PutConfig,          *,                      IMPLICIT_DENY",
        "ReadOnlyAccess,      schemaregistry:GetSchema,          trailwatch.audit-value, ALLOW",
        "ReadOnlyAccess,      schemaregistry:ListSubjects,       *,                      ALLOW",
        "ReadOnlyAccess,      schemaregistry:GetConfig,          *,                      ALLOW",
        "ReadOnlyAccess,      schemaregistry:CheckCompatibility, orders-value,           ALLOW",
        "ReadOnlyAccess,      schemaregistry:RegisterSchema,     trailwatch.audit-value, IMPLICIT_DENY",
        "ReadOnlyAccess,      schemaregistry:PutConfig,          *,                      IMPLICIT_DENY",
        "AdministratorAccess, schemaregistry:PutConfig,          *,                      ALLOW",
        "AdministratorAccess, schemaregistry:RegisterSchema,     orders-value,           ALLOW",
    })
    void schemaRegistryActions(final String policy, final String action, final String subject,
                               final Decision expected) {
        final String resource = subject.equals("*") ? "*"
            : "arn:aws:schemaregistry:us-east-1:123456789012:subject/" + subject;
        assertThat(PolicyEvaluator.evaluate(List.of(ManagedPolicies.byArn("arn:aws:iam::aws:policy/" + policy)
            .orElseThrow()), action, resource)).isEqualTo(expected);
    }

    @Test
    void anAttachedDenyStillWinsOverAdministratorAccess() {
        final PolicyDocument noKeys = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
            + "\"Deny\",\"Action\":\"iam:CreateAccessKey\",\"Resource\":\"*\"}}");

        assertThat(PolicyEvaluator.evaluate(List.of(ManagedPolicies.byArn(ManagedPolicies.ADMINISTRATOR_ACCESS)
            .orElseThrow(), noKeys), "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/bob"))
            .isEqualTo(Decision.EXPLICIT_DENY);
    }

    private static Decision decide(final String arn, final String action) {
        return PolicyEvaluator.evaluate(List.of(ManagedPolicies.byArn(arn).orElseThrow()), action, ALARM);
    }
}
