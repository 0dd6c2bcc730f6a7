package io.trailwatch.app.stack;

import io.trailwatch.processors.runtime.TopicCheck;
import io.trailwatch.processors.runtime.TopicPolicy;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * What is checked of an existing cluster before Trailwatch uses it: that it answers and accepts the login (once,
 * rather than every client retrying and warning), and that Trailwatch's existing topics are as it needs them.
 */
public final class ClusterPreflight {

    /** Long enough for a TLS handshake and SASL round trips to a remote cluster. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private ClusterPreflight() {
    }

    /** @throws ClusterProblems when the cluster does not answer, or refuses the login */
    public static void reach(final Admin admin, final String bootstrapServers) {
        final String problem = reachProblem(admin, bootstrapServers);
        if (problem != null) {
            throw new ClusterProblems(List.of(problem));
        }
    }

    /** Null when the cluster answers (its id fetched), else the one line saying why not and what to check. */
    public static String reachProblem(final Admin admin, final String bootstrapServers) {
        try {
            admin.describeCluster().clusterId().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Kafka at " + bootstrapServers + ": interrupted";
        } catch (final ExecutionException e) {
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

    /** @throws ClusterProblems naming each existing topic that is not as Trailwatch needs it */
    public static void checkTopics(final Admin admin, final TopicPolicy policy) {
        final List<String> problems = TopicCheck.problems(admin, Topics.all(), policy);
        if (!problems.isEmpty()) {
            throw new ClusterProblems(problems);
        }
    }
}
