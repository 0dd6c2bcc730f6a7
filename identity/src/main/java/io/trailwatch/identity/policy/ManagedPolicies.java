package io.trailwatch.identity.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed policies Trailwatch ships, by ARN, in AWS's namespace ({@code arn:aws:iam::aws:policy/...}) so that
 * a policy ARN copied from AWS means the same here. Each document is a JSON file on the classpath beside this class,
 * named after the policy ({@code ReadOnlyAccess.json}), and goes through {@link PolicyDocument#parse} when the class
 * loads: a shipped policy that does not parse fails at startup, not at the first request it should have allowed.
 */
public final class ManagedPolicies {

    /** Every action on every resource. */
    public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

    /**
     * The read-only actions of CloudWatch, CloudWatch Logs, CloudTrail, EventBridge, IAM, SNS, Trailwatch and the
     * schema registry ({@code Describe*}, {@code Get*}, {@code List*}, and the queries and tests that change
     * nothing), on every resource: for people who look and must not touch.
     */
    public static final String READ_ONLY_ACCESS = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    /**
     * Publishing audit events, metrics and logs ({@code cloudtrail-data:PutAuditEvents},
     * {@code cloudwatch:PutMetricData}, {@code logs:CreateLogStream}, {@code logs:PutLogEvents}), reading the schema
     * registry, and registering new schema versions of Trailwatch's input subjects only
     * ({@code trailwatch.audit}, {@code trailwatch.metrics} and {@code trailwatch.logs}, key and value), and nothing
     * else: for the services that feed Trailwatch, which must not be able to read back what others published.
     */
    public static final String TRAILWATCH_PUBLISHER = "arn:aws:iam::aws:policy/TrailwatchPublisher";

    private static final String ARN_PREFIX = "arn:aws:iam::aws:policy/";

    private static final Map<String, PolicyDocument> POLICIES = load(List.of(ADMINISTRATOR_ACCESS, READ_ONLY_ACCESS,
        TRAILWATCH_PUBLISHER));

    private ManagedPolicies() {
    }

    /** The managed policy with this ARN, if Trailwatch ships one. */
    public static Optional<PolicyDocument> byArn(final String arn) {
        return Optional.ofNullable(POLICIES.get(arn));
    }

    /** Every managed policy by ARN, in the order of the constants above; unmodifiable. */
    public static Map<String, PolicyDocument> all() {
        return POLICIES;
    }

    private static Map<String, PolicyDocument> load(final List<String> arns) {
        final Map<String, PolicyDocument> policies = new LinkedHashMap<>();
        for (final String arn : arns) {
            policies.put(arn, PolicyDocument.parse(read(arn.substring(ARN_PREFIX.length()) + ".json")));
        }
        return Collections.unmodifiableMap(policies);
    }

    private static String read(final String resource) {
        try (InputStream in = ManagedPolicies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("managed policy missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("reading managed policy " + resource, e);
        }
    }
}
