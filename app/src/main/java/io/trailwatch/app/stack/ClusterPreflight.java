package io.trailwatch.app.stack;

import io.trailwatch.processors.runtime.TopicCheck;
import io.trailwatch.processors.runtime.TopicPolicy;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * What is checked of an existing cluster before Trailwatch uses it: that it answers and accepts the login (once,
 * rather than every client retrying and warning), and that Trailwatch's existing topics are as it needs them.
 */
public final class ClusterPreflight {

    /** Long enough for a TLS handshake and SASL round trips to a remote cluster. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What Trailwatch does on the cluster itself: creates its topics (CREATE), keeps its access keys as SCRAM users
     * with ACLs (ALTER) and reads the cluster's description and configs (DESCRIBE, DESCRIBE_CONFIGS).
     */
    static final List<AclOperation> CLUSTER_OPERATIONS = List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
        AclOperation.CREATE, AclOperation.ALTER);

    private ClusterPreflight() {
    }

    /** @throws ClusterProblems when the cluster does not answer, or refuses the login */
    public static void reach(final Admin admin, final String bootstrapServers) {
        final String problem = reachProblem(admin, bootstrapServers);
        if (problem != null) {
            throw new ClusterProblems(List.of(problem));
        }
    }

    /**
     * Null when the cluster answers (its id fetched) and lets the principal do what Trailwatch does there, else the
     * one line saying why not and what to check.
     */
    public static String reachProblem(final Admin admin, final String bootstrapServers) {
        try {
            final DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions()
                .includeAuthorizedOperations(true));
            cluster.clusterId().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return accessProblem(cluster.authorizedOperations().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                bootstrapServers);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Kafka at " + bootstrapServers + ": interrupted";
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof SslAuthenticationException handshake) {
                return "Kafka at " + bootstrapServers + ": the TLS handshake failed (" + rootMessage(handshake)
                    + "): trust the brokers' certificate with kafka.ssl.truststore.location and "
                    + "kafka.ssl.truststore.password, and check kafka.security.protocol";
            }
            if (e.getCause() instanceof AuthenticationException refused) {
                return "Kafka at " + bootstrapServers + " refused the login (" + refused.getMessage() + "): check "
                    + "kafka.sasl.mechanism, kafka.sasl.jaas.config (or --kafka-sasl-username and "
                    + "TRAILWATCH_KAFKA_SASL_PASSWORD) and kafka.ssl.*";
            }
            if (e.getCause() instanceof AuthorizationException denied) {
                return "Kafka at " + bootstrapServers + " denied DESCRIBE on the cluster (" + denied.getMessage()
                    + "): grant the principal DESCRIBE on the cluster";
            }
            return "Kafka at " + bootstrapServers + ": " + e.getCause().getMessage();
        } catch (final TimeoutException e) {
            return "Kafka at " + bootstrapServers + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s: "
                + "check trailwatch.bootstrap.servers and kafka.security.protocol (SASL_SSL needs kafka.ssl.* "
                + "trust of the brokers' certificates)";
        }
    }

    /**
     * Null when the principal may do on the cluster what Trailwatch does there, or when the cluster does not say
     * (null: a broker without an authorizer answers every operation, an old one none); else the one line naming
     * what is missing and how to grant it, rather than the first of many denied requests later.
     */
    static String accessProblem(final Set<AclOperation> allowed, final String bootstrapServers) {
        if (allowed == null) {
            return null;
        }
        final List<String> missing = CLUSTER_OPERATIONS.stream().filter(operation -> !allowed.contains(operation))
            .map(AclOperation::name).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "Kafka at " + bootstrapServers + " does not allow the principal Trailwatch logs in as "
            + String.join(", ", missing) + " on the cluster (Trailwatch creates its topics there and keeps its access "
            + "keys as SCRAM users with ACLs): make it a super user (the brokers' super.users) or grant it: kafka-acls "
            + "--add --allow-principal User:<name> --operation All --cluster";
    }

    /** The innermost cause's message: a handshake's says what was wrong with the certificate. */
    private static String rootMessage(final Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? error.getMessage() : root.getMessage();
    }

    /**
     * @throws ClusterProblems when the registry at {@code url} does not answer with the credentials and trust store of
     *                         {@code access} (the serde's names), one line saying what to set
     */
    public static void reachRegistry(final String url, final java.util.Map<String, ?> access) {
        final List<String> problems = new ClusterDoctor().registry(url, access).problems();
        if (!problems.isEmpty()) {
            throw new ClusterProblems(problems);
        }
    }

    /** @throws ClusterProblems naming each existing topic that is not as Trailwatch needs it */
    public static void checkTopics(final Admin admin, final TopicPolicy policy) {
        final List<String> problems = TopicCheck.problems(admin, Topics.all(), policy);
        if (!problems.isEmpty()) {
            throw new ClusterProblems(problems);
        }
    }
}
