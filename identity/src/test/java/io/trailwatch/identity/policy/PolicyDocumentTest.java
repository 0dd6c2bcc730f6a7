package io.trailwatch.identity.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDocumentTest {

    /** A well-formed statement to embed, so that each malformed case differs from a valid one in one place. */
    private static final String ALLOW = "{\"Effect\":\"Allow\",\"Action\":\"logs:GetLogEvents\",\"Resource\":\"*\"}";

    @Nested
    class Parsing {

        @Test
        void readsAStatementArray() {
            final PolicyDocument policy = PolicyDocument.parse("""
                {
                  "Version": "2012-10-17",
                  "Id": "alarms-policy",
                  "Statement": [
                    {
                      "Sid": "ReadAlarms",
                      "Effect": "Allow",
                      "Action": ["cloudwatch:DescribeAlarms", "cloudwatch:GetMetric*"],
                      "Resource": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*"
                    },
                    {
                      "Effect": "Deny",
                      "NotAction": "cloudwatch:Describe*",
                      "NotResource": ["arn:aws:s3:::bucket/*", "*"]
                    }
                  ]
                }
                """);

            assertThat(policy.version()).isEqualTo(PolicyDocument.VERSION_2012_10_17);
            assertThat(policy.id()).contains("alarms-policy");
            assertThat(policy.statements()).hasSize(2);

            final Statement first = policy.statements().get(0);
            assertThat(first.sid()).contains("ReadAlarms");
            assertThat(first.effect()).isEqualTo(Effect.ALLOW);
            assertThat(first.action().element()).isEqualTo("Action");
            assertThat(first.action().negated()).isFalse();
            assertThat(first.action().patterns()).containsExactly("cloudwatch:DescribeAlarms", "cloudwatch:GetMetric*");
            assertThat(first.resource().element()).isEqualTo("Resource");
            assertThat(first.resource().patterns())
                .containsExactly("arn:aws:cloudwatch:us-east-1:123456789012:alarm:*");

            final Statement second = policy.statements().get(1);
            assertThat(second.sid()).isEmpty();
            assertThat(second.effect()).isEqualTo(Effect.DENY);
            assertThat(second.action().element()).isEqualTo("NotAction");
            assertThat(second.action().negated()).isTrue();
            assertThat(second.action().patterns()).containsExactly("cloudwatch:Describe*");
            assertThat(second.resource().element()).isEqualTo("NotResource");
            assertThat(second.resource().negated()).isTrue();
            assertThat(second.resource().patterns()).containsExactly("arn:aws:s3:::bucket/*", "*");
        }

        @Test
        void readsASingleStatementObject() {
            final PolicyDocument policy = PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":" + ALLOW + "}");

            assertThat(policy.statements()).singleElement().satisfies(statement -> {
                assertThat(statement.effect()).isEqualTo(Effect.ALLOW);
                assertThat(statement.action().patterns()).containsExactly("logs:GetLogEvents");
                assertThat(statement.resource().patterns()).containsExactly("*");
            });
        }

        @Test
        void aDocumentWithoutVersionIsVersion2008() {
            final PolicyDocument policy = PolicyDocument.parse("{\"Statement\":" + ALLOW + "}");

            assertThat(policy.version()).isEqualTo(PolicyDocument.VERSION_2008_10_17);
            assertThat(policy.id()).isEmpty();
            assertThat(PolicyDocument.parse("{\"Version\":\"2008-10-17\",\"Statement\":" + ALLOW + "}").version())
                .isEqualTo(PolicyDocument.VERSION_2008_10_17);
        }

        @Test
        void policyVariablesAreLiteralTextInVersion2008() {
            final PolicyDocument policy = PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
                + "\"iam:GetUser\",\"Resource\":\"arn:aws:iam::123456789012:user/${aws:username}\"}}");

            assertThat(policy.statements().get(0).resource().patterns())
                .containsExactly("arn:aws:iam::123456789012:user/${aws:username}");
        }

        @Test
        void jsonIsTheDocumentAsGivenWithoutWhitespace() {
            final String given = """
                {
                  "Statement" : [ { "Resource" : "arn:aws:s3:::a b/*",
                                    "Effect" : "Allow",
                                    "Action" : [ "s3:GetObject" ] } ],
                  "Version" : "2012-10-17"
                }
                """;

            final PolicyDocument policy = PolicyDocument.parse(given);

            assertThat(policy.json()).isEqualTo("{\"Statement\":[{\"Resource\":\"arn:aws:s3:::a b/*\","
                + "\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"]}],\"Version\":\"2012-10-17\"}");
            assertThat(PolicyDocument.parse(policy.json())).isEqualTo(policy).hasSameHashCodeAs(policy);
            assertThat(policy).isNotEqualTo(PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":"
                + ALLOW + "}"));
        }

        @Test
        void acceptsTheLargestDocumentAndNoLarger() {
            final String document = "{\"Statement\":" + ALLOW + "}";
            final String largest = document + " ".repeat(PolicyDocument.MAX_CHARACTERS - document.length());

            assertThat(PolicyDocument.parse(largest).statements()).hasSize(1);
            assertThatThrownBy(() -> PolicyDocument.parse(largest + " "))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage("Cannot exceed quota for PolicySize: 6144. The document has 6145 characters.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"*", "cloudwatch:*", "cloudtrail-data:PutAuditEvents", "iam:*AccessKey*",
            "s3:Get?bject", "CloudWatch:describealarms"})
        void acceptsActions(final String action) {
            assertThat(PolicyDocument.parse(statement("\"Action\":\"" + action + "\",\"Resource\":\"*\""))
                .statements().get(0).action().patterns()).containsExactly(action);
        }

        @ParameterizedTest
        @ValueSource(strings = {"*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:cloudwatch:*:*:alarm:*",
            "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", "arn:aws-cn:logs:cn-north-1:1:log-group:g",
            "arn:aws:logs:*", "arn:aws:iam::*", "arn:aws:cloudwatch:*Prod"})
        void acceptsResources(final String resource) {
            assertThat(PolicyDocument.parse(statement("\"Action\":\"*\",\"Resource\":\"" + resource + "\""))
                .statements().get(0).resource().patterns()).containsExactly(resource);
        }
    }

    @Nested
    class Malformed {

        static Stream<Arguments> documents() {
            return Stream.of(
                // JSON
                malformed("not JSON", "Statement", "Syntax errors in policy."),
                malformed("empty", "", "Syntax errors in policy. The document is empty."),
                malformed("unterminated", "{\"Statement\":" + ALLOW, "Syntax errors in policy."),
                malformed("trailing garbage", "{\"Statement\":" + ALLOW + "}x", "Syntax errors in policy."),
                malformed("a second document", "{\"Statement\":" + ALLOW + "} {}",
                    "Syntax errors in policy. Unexpected content after the policy document (line 1, column"),
                malformed("duplicate key at the top", "{\"Statement\":" + ALLOW + ",\"Statement\":" + ALLOW + "}",
                    "Duplicate field 'Statement'"),
                malformed("duplicate key in a statement",
                    statement("\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\""),
                    "Duplicate field 'Effect'"),
                malformed("not an object", "[" + ALLOW + "]",
                    "The policy document must be a JSON object, not an array."),
                // document
                malformed("unknown top-level element", "{\"Statement\":" + ALLOW + ",\"Statements\":[]}",
                    "Unknown element 'Statements' in the policy document"),
                malformed("missing Statement", "{\"Version\":\"2012-10-17\"}", "Missing required field Statement."),
                malformed("unknown Version", "{\"Version\":\"2010-01-01\",\"Statement\":" + ALLOW + "}",
                    "Invalid Version '2010-01-01': Version must be 2012-10-17 or 2008-10-17."),
                malformed("Version not a string", "{\"Version\":20121017,\"Statement\":" + ALLOW + "}",
                    "Version must be a string, not a number."),
                malformed("Id not a string", "{\"Id\":[],\"Statement\":" + ALLOW + "}",
                    "Id must be a string, not an array."),
                malformed("Statement a string", "{\"Statement\":\"Allow\"}",
                    "Statement must be an object or an array of objects, not a string."),
                malformed("Statement empty", "{\"Statement\":[]}", "Statement must not be empty"),
                malformed("Statement element not an object", "{\"Statement\":[" + ALLOW + ",null]}",
                    "Statement[1] must be an object, not null."),
                malformed("duplicate Sid", "{\"Statement\":[" + withSid("A") + "," + withSid("B") + ","
                    + withSid("A") + "]}", "Statement IDs (SID) in a single policy must be unique: 'A'"),
                // statement
                malformed("unknown statement element", "{\"Statement\":[" + ALLOW + ","
                    + "{\"Effect\":\"Allow\",\"Actions\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
                    "Statement[1]: Unknown element 'Actions'"),
                malformed("element names are case-sensitive",
                    statement("\"action\":\"s3:GetObject\",\"Resource\":\"*\""), "Unknown element 'action'"),
                malformed("missing Effect", "{\"Statement\":{\"Action\":\"*\",\"Resource\":\"*\"}}",
                    "Statement: Missing required field Effect."),
                malformed("Effect in the wrong case", "{\"Statement\":{\"Effect\":\"allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}", "Statement: Invalid effect: allow."),
                malformed("Effect not a string", "{\"Statement\":{\"Effect\":true,\"Action\":\"*\",\"Resource\":\"*\"}}",
                    "Statement: Effect must be a string, not a boolean."),
                malformed("Sid not alphanumeric", "{\"Statement\":[" + withSid("read-only") + "]}",
                    "Statement[0]: Statement IDs (SID) must be alpha-numeric."),
                malformed("Sid not a string", "{\"Statement\":{\"Sid\":1,\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}", "Statement: Sid must be a string, not a number."),
                malformed("Principal", statement("\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\",\"Resource\":\"*\""),
                    "Statement: Policy document should not specify a principal (Principal)"),
                malformed("NotPrincipal", statement("\"NotPrincipal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\""),
                    "Statement: Policy document should not specify a principal (NotPrincipal)"),
                malformed("Condition", statement("\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":"
                    + "{\"aws:MultiFactorAuthPresent\":\"true\"}}"),
                    "Statement: Condition is not supported by Trailwatch yet."),
                malformed("neither Action nor NotAction", statement("\"Resource\":\"*\""),
                    "Statement: Policy statement must contain actions: Action or NotAction is required."),
                malformed("Action and NotAction", statement("\"Action\":\"*\",\"NotAction\":\"iam:*\","
                    + "\"Resource\":\"*\""), "Statement: Action and NotAction cannot both be present"),
                malformed("empty Action", statement("\"Action\":[],\"Resource\":\"*\""),
                    "Statement: Policy statement must contain actions: Action is empty."),
                malformed("Action not a string", statement("\"Action\":{},\"Resource\":\"*\""),
                    "Statement: Action must be a string or an array of strings, not an object."),
                malformed("Action entry not a string", statement("\"Action\":[\"s3:GetObject\",7],\"Resource\":\"*\""),
                    "Statement: Action[1] must be a string, not a number."),
                malformed("Action without a service prefix", statement("\"Action\":\"DescribeAlarms\","
                    + "\"Resource\":\"*\""), "Statement: Action 'DescribeAlarms' must be prefaced by a service"),
                malformed("NotAction without a service prefix", statement("\"NotAction\":[\"iam:*\",\"Get*\"],"
                    + "\"Resource\":\"*\""), "Statement: NotAction 'Get*' must be prefaced by a service"),
                malformed("wildcard service prefix", statement("\"Action\":\"*:Get*\",\"Resource\":\"*\""),
                    "Statement: Action '*:Get*' has an invalid service prefix '*'"),
                malformed("empty action name", statement("\"Action\":\"s3:\",\"Resource\":\"*\""),
                    "Statement: Action 's3:' has an invalid action name ''"),
                malformed("neither Resource nor NotResource", statement("\"Action\":\"*\""),
                    "Statement: Policy statement must contain resources: Resource or NotResource is required."),
                malformed("Resource and NotResource", statement("\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"NotResource\":\"*\""), "Statement: Resource and NotResource cannot both be present"),
                malformed("empty Resource", statement("\"Action\":\"*\",\"NotResource\":[]"),
                    "Statement: Policy statement must contain resources: NotResource is empty."),
                malformed("Resource not an ARN", statement("\"Action\":\"*\",\"Resource\":\"my-bucket\""),
                    "Statement: Resource my-bucket must be in ARN format or \"*\""),
                malformed("Resource with too few ARN parts", statement("\"Action\":\"*\",\"Resource\":\"arn:aws:s3\""),
                    "Statement: Resource arn:aws:s3 must be in ARN format or \"*\""),
                malformed("Resource with too few ARN parts and no wildcard", statement("\"Action\":\"*\","
                    + "\"Resource\":\"arn:aws:s3:bucket\""), "Statement: Resource arn:aws:s3:bucket must be in ARN format"),
                malformed("Resource with a wildcard before the service only", statement("\"Action\":\"*\","
                    + "\"Resource\":\"arn:*:s3\""), "Statement: Resource arn:*:s3 must be in ARN format"),
                malformed("Resource with an empty ARN resource", statement("\"Action\":\"*\","
                    + "\"Resource\":\"arn:aws:s3:::\""), "Statement: Resource arn:aws:s3::: must be in ARN format"),
                malformed("NotResource not an ARN", statement("\"Action\":\"*\",\"NotResource\":[\"*\",\"s3://b\"]"),
                    "Statement: NotResource s3://b must be in ARN format or \"*\""),
                malformed("Resource null", statement("\"Action\":\"*\",\"Resource\":null"),
                    "Statement: Resource must be a string or an array of strings, not null."),
                malformed("policy variable in version 2012-10-17", "{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"arn:aws:iam::1:user/${aws:username}\"}}",
                    "Statement: Resource arn:aws:iam::1:user/${aws:username} uses a policy variable")
            );
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("documents")
        void namesTheProblem(final String name, final String json, final String message) {
            assertThatThrownBy(() -> PolicyDocument.parse(json))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining(message);
        }

        private static Arguments malformed(final String name, final String json, final String message) {
            return Arguments.of(name, json, message);
        }

        private static String withSid(final String sid) {
            return "{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
        }
    }

    /** A document of one Allow statement with the given elements besides Effect. */
    private static String statement(final String elements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\"," + elements + "}}";
    }
}
