package io.trailwatch.identity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IAM's evaluation logic for identity-based policies in one account, case by case. */
class PolicyEvaluatorTest {

    private static final String ALARM = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";

    @Test
    void aMatchingAllowAllows() {
        final PolicyDocument policy = policy(statement("Allow", "Action", "cloudwatch:DescribeAlarms", "Resource", "*"));

        assertThat(evaluate(List.of(policy), "cloudwatch:DescribeAlarms", ALARM + "Prod"))
            .isEqualTo(Decision.ALLOW)
            .satisfies(decision -> assertThat(decision.allowed()).isTrue());
    }

    @Test
    void anExplicitDenyInAnotherPolicyOverridesAnAllow() {
        final PolicyDocument admin = policy(statement("Allow", "Action", "*", "Resource", "*"));
        final PolicyDocument noDeletes = policy(statement("Deny", "Action", "cloudwatch:Delete*", "Resource", "*"));

        assertThat(evaluate(List.of(admin, noDeletes), "cloudwatch:DeleteAlarms", ALARM + "Prod"))
            .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(List.of(noDeletes, admin), "cloudwatch:DeleteAlarms", ALARM + "Prod"))
            .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(List.of(admin, noDeletes), "cloudwatch:DescribeAlarms", ALARM + "Prod"))
            .isEqualTo(Decision.ALLOW);
        assertThat(Decision.EXPLICIT_DENY.allowed()).isFalse();
    }

    @Test
    void anExplicitDenyInTheSamePolicyOverridesAnAllowWhateverTheOrder() {
        final String allow = statement("Allow", "Action", "logs:*", "Resource", "*");
        final String deny = statement("Deny", "Action", "logs:DeleteLogGroup", "Resource", "*");

        assertThat(evaluate(List.of(policy(allow, deny)), "logs:DeleteLogGroup", "*")).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(List.of(policy(deny, allow)), "logs:DeleteLogGroup", "*")).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(List.of(policy(deny, allow)), "logs:GetLogEvents", "*")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void nothingMatchingIsAnImplicitDeny() {
        final PolicyDocument policy = policy(statement("Allow", "Action", "cloudwatch:DescribeAlarms", "Resource",
            ALARM + "Prod"));

        assertThat(evaluate(List.of(policy), "cloudwatch:DeleteAlarms", ALARM + "Prod"))
            .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(List.of(policy), "cloudwatch:DescribeAlarms", ALARM + "Test"))
            .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(List.of(), "cloudwatch:DescribeAlarms", ALARM + "Prod"))
            .isEqualTo(Decision.IMPLICIT_DENY)
            .satisfies(decision -> assertThat(decision.allowed()).isFalse());
    }

    @Test
    void aDenyThatDoesNotMatchLeavesTheAllow() {
        final PolicyDocument policy = policy(
            statement("Allow", "Action", "cloudwatch:*", "Resource", "*"),
            statement("Deny", "Action", "cloudwatch:*", "Resource", ALARM + "Prod*"));

        assertThat(evaluate(List.of(policy), "cloudwatch:DeleteAlarms", ALARM + "Test")).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(List.of(policy), "cloudwatch:DeleteAlarms", ALARM + "Prod1"))
            .isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void notActionAllowsEverythingButTheListedActions() {
        final PolicyDocument policy = policy(statement("Allow", "NotAction", "[\"iam:*\",\"sns:Publish\"]", "Resource",
            "*"));

        assertThat(evaluate(List.of(policy), "cloudwatch:PutMetricData", "*")).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(List.of(policy), "iam:CreateAccessKey", "*")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(List.of(policy), "SNS:publish", "*")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(List.of(policy), "sns:ListTopics", "*")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void aDenyWithNotActionDeniesEverythingButTheListedActions() {
        final PolicyDocument policy = policy(
            statement("Allow", "Action", "*", "Resource", "*"),
            statement("Deny", "NotAction", "[\"iam:Get*\",\"iam:List*\"]", "Resource", "arn:aws:iam::*"));

        assertThat(evaluate(List.of(policy), "iam:ListUsers", "arn:aws:iam::123456789012:user/bob"))
            .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(List.of(policy), "iam:DeleteUser", "arn:aws:iam::123456789012:user/bob"))
            .isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void notResourceAppliesToEveryResourceButTheListedOnes() {
        final PolicyDocument policy = policy(
            statement("Allow", "Action", "cloudwatch:*", "Resource", "*"),
            statement("Deny", "Action", "cloudwatch:DeleteAlarms", "NotResource", "\"" + ALARM + "Scratch*\""));

        assertThat(evaluate(List.of(policy), "cloudwatch:DeleteAlarms", ALARM + "Scratch-1")).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(List.of(policy), "cloudwatch:DeleteAlarms", ALARM + "Prod")).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void anAllowWithNotResourceAllowsOnlyOutsideTheListedResources() {
        final PolicyDocument policy = policy(statement("Allow", "Action", "s3:GetObject", "NotResource",
            "[\"arn:aws:s3:::secrets/*\"]"));

        assertThat(evaluate(List.of(policy), "s3:GetObject", "arn:aws:s3:::public/a.txt")).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(List.of(policy), "s3:GetObject", "arn:aws:s3:::secrets/a.txt"))
            .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        "cloudwatch:Describe*,  cloudwatch:DescribeAlarms,        ALLOW",
        "cloudwatch:Describe*,  cloudwatch:DescribeAlarmHistory,  ALLOW",
        "cloudwatch:Describe*,  cloudwatch:DeleteAlarms,          IMPLICIT_DENY",
        "cloudwatch:Describe*,  logs:DescribeLogGroups,           IMPLICIT_DENY",
        "cloudwatch:Describe*,  CloudWatch:describeALARMS,        ALLOW",
        "CLOUDWATCH:DESCRIBE*,  cloudwatch:DescribeAlarms,        ALLOW",
        "cloudwatch:*Alarms,    cloudwatch:DeleteAlarms,          ALLOW",
        "cloudwatch:*Alarms,    cloudwatch:DescribeAlarmHistory,  IMPLICIT_DENY",
        "s3:Get?bject,          s3:GetObject,                     ALLOW",
        "s3:Get?bject,          s3:GetObjects,                    IMPLICIT_DENY",
        "s3:Get?bject,          s3:Getbject,                      IMPLICIT_DENY",
        "*,                     trailwatch:ListAnything,          ALLOW",
        "cloudwatch:*,          cloudwatch-logs:GetLogEvents,     IMPLICIT_DENY",
    })
    void actionsMatchWithWildcardsIgnoringCase(final String pattern, final String action, final Decision expected) {
        final PolicyDocument policy = policy(statement("Allow", "Action", pattern, "Resource", "*"));

        assertThat(evaluate(List.of(policy), action, "*")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod*,  arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod,       ALLOW",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod*,  arn:aws:cloudwatch:us-east-1:123456789012:alarm:ProdCPU,    ALLOW",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod*,  arn:aws:cloudwatch:us-east-1:123456789012:alarm:TestCPU,    IMPLICIT_DENY",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod*,  arn:aws:cloudwatch:us-east-1:123456789012:alarm:prodCPU,    IMPLICIT_DENY",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod*,  arn:aws:cloudwatch:us-east-1:123456789012:alarm:PRODCPU,    IMPLICIT_DENY",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod*,  arn:aws:cloudwatch:us-west-2:123456789012:alarm:ProdCPU,    IMPLICIT_DENY",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod?,  arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod1,      ALLOW",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod?,  arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod12,     IMPLICIT_DENY",
        "arn:aws:cloudwatch:*:123456789012:alarm:*,              arn:aws:cloudwatch:eu-west-1:123456789012:alarm:Any,        ALLOW",
        "arn:aws:cloudwatch:*:123456789012:alarm:*,              arn:aws:cloudwatch:eu-west-1:999999999999:alarm:Any,        IMPLICIT_DENY",
        "arn:aws:cloudwatch:*Prod,                               arn:aws:cloudwatch:us-east-1:123456789012:alarm:Prod,       ALLOW",
        "arn:aws:s3:::bucket/*,                                  arn:aws:s3:::bucket/dir/sub/key,                            ALLOW",
        "arn:aws:s3:::bucket/*,                                  arn:aws:s3:::bucket,                                        IMPLICIT_DENY",
        "*,                                                      arn:aws:s3:::anything/at/all,                               ALLOW",
    })
    void resourcesMatchWithWildcardsAcrossColonsAndSlashesRespectingCase(final String pattern, final String arn,
                                                                         final Decision expected) {
        final PolicyDocument policy = policy(statement("Allow", "Action", "*", "Resource", pattern));

        assertThat(evaluate(List.of(policy), "cloudwatch:DescribeAlarms", arn)).isEqualTo(expected);
    }

    @Test
    void aPathologicalPatternIsAnsweredWithoutBacktracking() {
        final String name = "a".repeat(5000);
        final PolicyDocument policy = policy(statement("Allow", "Action", "*", "Resource",
            ALARM + "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"));

        assertThat(evaluate(List.of(policy), "cloudwatch:DescribeAlarms", ALARM + name))
            .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(List.of(policy), "cloudwatch:DescribeAlarms", ALARM + name + "b"))
            .isEqualTo(Decision.ALLOW);
    }

    private static Decision evaluate(final List<PolicyDocument> policies, final String action, final String arn) {
        return PolicyEvaluator.evaluate(policies, action, arn);
    }

    private static PolicyDocument policy(final String... statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
    }

    /**
     * One statement. A value starting with {@code [} or {@code "} is written as given (an array, or an already quoted
     * string), any other is quoted.
     */
    private static String statement(final String effect, final String actionElement, final String actions,
                                     final String resourceElement, final String resources) {
        return "{\"Effect\":\"" + effect + "\",\"" + actionElement + "\":" + json(actions) + ",\"" + resourceElement
            + "\":" + json(resources) + "}";
    }

    private static String json(final String value) {
        return value.startsWith("[") || value.startsWith("\"") ? value : "\"" + value + "\"";
    }
}
